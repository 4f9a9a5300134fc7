import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: {
		// Runes everywhere in our code; libraries in node_modules keep their own mode.
		runes: ({ filename }) => (filename.split(/[/\\]/).includes('node_modules') ? undefined : true)
	},
	kit: {
		adapter: adapter(),
		// Kit adds a nonce for its own inline start-up script, so no inline script needs
		// 'unsafe-inline'. Styles keep it: server-rendered style attributes cannot carry a nonce.
		// The hook in src/hooks.server.ts adds the page's own ws:/wss: origin to connect-src.
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				// QR codes are shown as data: SVG images.
				'img-src': ['self', 'data:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'manifest-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		},
		typescript: {
			// Kit's generated tsconfig covers src/ only; svelte-check must see the server too.
			config: (c) => {
				c.include.push('../server/**/*.ts', '../bench/**/*.ts');
			}
		}
	}
};

export default config;
