// The board's only script, allowed by the page's CSP nonce. The pages work without it; with it,
// the upload form names the chosen file and its size, refuses a file over the limit before
// sending it, and says that it is uploading.
for (const form of document.querySelectorAll('form.upload')) {
  const input = form.querySelector('input[type=file]')
  const output = form.querySelector('output.chosen')
  const button = form.querySelector('button[type=submit]')
  const max = Number(form.dataset.maxSize)
  input.addEventListener('change', () => {
    const file = input.files[0]
    input.setCustomValidity(file && file.size > max ? `The file is larger than ${size(max)}` : '')
    output.textContent = file ? `${file.name}, ${size(file.size)}` : ''
  })
  form.addEventListener('submit', () => {
    button.disabled = true
    button.textContent = 'Uploading…'
  })
}
document.documentElement.dataset.script = 'ran'

function size(bytes) {
  if (bytes < 1024) return `${bytes} B`
  const units = ['KiB', 'MiB', 'GiB']
  let value = bytes / 1024
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  return `${value.toFixed(1)} ${units[unit]}`
}
