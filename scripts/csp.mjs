// The editor's Content-Security-Policy, in one place: `vite.config.ts` puts it in the built
// HTML as a meta tag and on `vite preview`'s responses, and `npm start` serves it as a header.
// Why each directive is what it is: docs/security.md, "Editor".

/** Directive → sources. Order is the order written out. */
export const CSP_DIRECTIVES = {
  'default-src': ["'self'"],
  // No inline script and no eval: the built app is module scripts from this origin only.
  // AudioWorklet modules are fetched under script-src (CSP3 §6.1.1 "script-like" destinations).
  // 'wasm-unsafe-eval' lets WebAssembly modules compile (the reverb kernel, the FLAC/MP3/Ogg
  // decoders) and nothing else: JavaScript eval and new Function stay blocked (CSP3 §8.4).
  'script-src': ["'self'", "'wasm-unsafe-eval'"],
  // The bounce runs in a module Worker loaded from this origin.
  'worker-src': ["'self'"],
  // Stylesheets from this origin; React and React Flow set styles through the CSSOM, which
  // style-src does not restrict, so no 'unsafe-inline' is needed.
  'style-src': ["'self'"],
  // data: for tiny inline icons; blob: because a bounced WAV is handed to the browser as a blob.
  'img-src': ["'self'", 'data:'],
  'media-src': ["'self'", 'blob:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  // Clickjacking: no page may frame the editor. Only honoured as a header (CSP3 §6.4.2).
  'frame-ancestors': ["'none'"],
};

/** Directives a <meta> policy cannot carry (CSP3 §3.3: ignored there, with a console warning). */
const HEADER_ONLY = new Set(['frame-ancestors', 'report-uri', 'sandbox']);

function serialize(include) {
  return Object.entries(CSP_DIRECTIVES)
    .filter(([name]) => include(name))
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}

/** The policy as the Content-Security-Policy response header. */
export function cspHeader() {
  return serialize(() => true);
}

/** The policy for `<meta http-equiv="Content-Security-Policy">` (header-only directives left out). */
export function cspMeta() {
  return serialize((name) => !HEADER_ONLY.has(name));
}

/** Every security header the served editor sends. */
export function securityHeaders() {
  return {
    'Content-Security-Policy': cspHeader(),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
}
