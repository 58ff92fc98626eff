// Invalid bytes become U+FFFD; a leading BOM is kept, as readForm keeps it (WHATWG's urlencoded
// parser does not strip it either).
const decoder = new TextDecoder('utf-8', { ignoreBOM: true })

/**
 * Decodes UTF-8 as `TextDecoder` does, with a fast path for short ASCII (most field values and
 * header sections), where the call into the decoder costs more than the decoding.
 */
export function decodeUtf8(bytes: Uint8Array): string {
  const length = bytes.length
  if (length > 1024) return decoder.decode(bytes)
  for (let i = 0; i < length; i++) if (bytes[i]! >= 0x80) return decoder.decode(bytes)
  return String.fromCharCode.apply(null, bytes as unknown as number[])
}
