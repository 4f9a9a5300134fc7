/**
 * Response headers that every page and file carries. The Content-Security-Policy of pages comes
 * from SvelteKit's `csp` option (svelte.config.js), which adds a nonce for its own inline script.
 */

/**
 * Powerful browser features Roundtable never uses, turned off for our pages and anything they
 * might embed. Only names Chromium knows are listed (it logs an error for any other). Vibration
 * needs no permission, and the clipboard stays allowed for "Copy join link".
 */
export const PERMISSIONS_POLICY = [
	'accelerometer',
	'autoplay',
	'browsing-topics',
	'camera',
	'display-capture',
	'encrypted-media',
	'geolocation',
	'gyroscope',
	'hid',
	'magnetometer',
	'microphone',
	'midi',
	'payment',
	'picture-in-picture',
	'publickey-credentials-get',
	'serial',
	'usb',
	'xr-spatial-tracking'
]
	.map((feature) => `${feature}=()`)
	.join(', ');

export const SECURITY_HEADERS: Record<string, string> = {
	// The facilitator link is a secret: never send any URL of ours onward in a Referer header.
	'referrer-policy': 'no-referrer',
	'x-content-type-options': 'nosniff',
	// For browsers that predate CSP's frame-ancestors.
	'x-frame-options': 'DENY',
	'permissions-policy': PERMISSIONS_POLICY
};

/** For responses that are not pages (health check, plain 404): nothing may load or frame them. */
export const NON_PAGE_CSP = "default-src 'none'; frame-ancestors 'none'";

/** A Host header that is safe to copy into a CSP source (no spaces, quotes or semicolons). */
const SAFE_HOST = /^(?:[a-z0-9.-]+|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/**
 * Adds the page's own ws:/wss: origin to connect-src. CSP Level 3 lets 'self' match it, but
 * older Safari does not, and socket.io and /yjs/ would be blocked there.
 */
export function withOwnSockets(csp: string, host: string | null): string {
	if (!host || !SAFE_HOST.test(host)) return csp;
	return csp.replace(/connect-src [^;]*/, (directive) => `${directive} ws://${host} wss://${host}`);
}
