/** Types of `csp.mjs` (plain JS so that `npm start` runs it without a build step). */
export declare const CSP_DIRECTIVES: Record<string, string[]>;
export declare function cspHeader(): string;
export declare function cspMeta(): string;
export declare function securityHeaders(): Record<string, string>;
