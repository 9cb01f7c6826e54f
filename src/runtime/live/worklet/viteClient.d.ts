/// <reference types="vite/client" />
// Vite's module types: `?worker&url` imports (the kernel-host worklet's bundled URL).
