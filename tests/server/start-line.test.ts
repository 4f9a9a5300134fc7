/** Started as the operator would, the server says where it is, and where phones can reach it. */
import { afterAll, expect, it } from 'vitest';
import { removeDir, spawnServer, tempDataDir, type ChildServer } from '../helpers/server.ts';

const dir = tempDataDir();
let child: ChildServer | null = null;

afterAll(async () => {
	await child?.stop();
	removeDir(dir);
});

it('prints "Roundtable is running at" with the addresses a phone can open', async () => {
	child = await spawnServer(dir, { HOST: '0.0.0.0' });
	const { port, output } = child;
	await expect
		.poll(() => output.find((l) => l.startsWith('Roundtable is running at')))
		.toBe(`Roundtable is running at http://localhost:${port}`);
	const phones = output.find((l) => l.startsWith('Phones'));
	expect(phones).toBeDefined();
	// Never a loopback address: a phone cannot open the machine's own "localhost".
	expect(phones).not.toContain('127.0.0.1');
	// The JSON log on stdout stays JSON: the human line goes to the terminal's error stream.
	expect(output.filter((l) => l.startsWith('{')).every((l) => JSON.parse(l))).toBe(true);
});
