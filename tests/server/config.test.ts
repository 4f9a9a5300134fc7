/** A configuration mistake stops the server at start, with a message that names the variable. */
import { describe, expect, it } from 'vitest';
import { runServerExpectingExit, tempDataDir, removeDir } from '../helpers/server.ts';

describe('configuration', () => {
	it.each([
		{ variable: 'PORT', value: 'abc' },
		{ variable: 'PORT', value: '70000' },
		{ variable: 'LOG_LEVEL', value: 'loud' },
		{ variable: 'PUBLIC_ORIGIN', value: 'nonsense' },
		{ variable: 'PUBLIC_ORIGIN', value: 'https://rt.example.org/some/path' },
		{ variable: 'PUBLIC_ORIGIN', value: 'ftp://rt.example.org' }
	])('refuses $variable=$value and exits non-zero naming it', async ({ variable, value }) => {
		const dir = tempDataDir();
		try {
			const { code, output } = await runServerExpectingExit({
				PORT: '0',
				DATA_DIR: dir,
				LOG_LEVEL: 'info',
				PUBLIC_ORIGIN: '',
				[variable]: value
			});
			expect(code).not.toBe(0);
			expect(code).not.toBeNull();
			expect(output).toContain(variable);
			expect(output).toContain('Roundtable cannot start');
			expect(output).not.toContain('"server.listening"');
		} finally {
			removeDir(dir);
		}
	});
});
