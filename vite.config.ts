import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig, type Plugin } from 'vitest/config';

/** Serves socket.io and the Yjs endpoint from Vite's own HTTP server in dev and preview. */
function realtime(): Plugin {
	return {
		name: 'roundtable-realtime',
		async configureServer(server) {
			if (!server.httpServer) return; // null under vitest's middleware mode
			const { attachDevRealtime } = await import('./server/dev.ts');
			await attachDevRealtime(server.httpServer);
		},
		async configurePreviewServer(server) {
			const { attachDevRealtime } = await import('./server/dev.ts');
			await attachDevRealtime(server.httpServer);
		}
	};
}

export default defineConfig({
	plugins: [sveltekit(), realtime()],
	build: {
		rolldownOptions: {
			treeshake: {
				// Pure helpers that build the feature registry and its catalogue: a browser chunk that
				// uses one constant of a feature's module does not keep every language's words with it
				// (pages get their one language's catalogue from the server, see src/lib/words.ts).
				manualPureFunctions: ['defineFeature', 'easyReadOf', 'command', 'returns', 'emits']
			}
		}
	},
	test: {
		include: ['tests/**/*.test.ts', 'src/**/*.test.ts'],
		reporters: ['default', './tests/summary-reporter.ts'],
		// The built app is loaded by Node itself, exactly as in production, not re-transformed by Vite.
		server: { deps: { external: [/\/build\//] } },
		// Two files at a time on a 2-core machine: a browser test waits on Chromium and its server
		// for much of its time, so two run in about 0.6 of the time one after the other does
		// (measured on the six heaviest browser files: 317 s against 517 s).
		maxWorkers: 2,
		testTimeout: 30_000,
		// Live pages settle within a second on a quiet machine; a busy one gets more time to, and
		// nothing that should not happen is given longer to be missed (those checks assert at once).
		expect: { poll: { timeout: 5_000 } },
		hookTimeout: 60_000
	}
});
