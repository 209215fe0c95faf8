// jsdom lacks TextEncoder/TextDecoder, which React Router uses: Node's own.
const { TextDecoder, TextEncoder } = require('node:util');
Object.assign(globalThis, { TextDecoder, TextEncoder });
