// Core's own files call it `describe`; the public name is `describeValue`.
export { describeValue as describe } from '../describe-value.js'
