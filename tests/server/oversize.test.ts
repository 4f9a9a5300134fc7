/**
 * A socket.io frame over the 1 MB limit is refused by ws before it is read, so no reply can name the
 * command it carried; what the protocol gives instead is a close with 1009 "Message Too Big",
 * which the client sees in its disconnect details. The server keeps serving everyone.
 */
import { describe, expect, it } from 'vitest';
import { connect, request, unwrap } from '../helpers/client.ts';
import { useTestServer } from '../helpers/server.ts';

const server = useTestServer();

describe('a socket.io frame over 1 MB', () => {
	it('closes that connection with 1009, which the client can read; others carry on', async () => {
		const bystander = await connect(server.url);
		const big = await connect(server.url);
		const disconnected = new Promise<{ reason: string; code: unknown }>((resolve) =>
			big.once('disconnect', (reason, details) =>
				resolve({
					reason,
					code: (details as { context?: { code?: number } } | undefined)?.context?.code
				})
			)
		);
		(big as unknown as { emit: (...args: unknown[]) => void }).emit(
			'workshop:create',
			{ title: 'x'.repeat(1_100_000), language: 'en' },
			() => {}
		);
		expect(await disconnected).toEqual({ reason: 'transport close', code: 1009 });
		const created = unwrap(
			await request(bystander, 'workshop:create', { title: 'Still here', language: 'en' })
		);
		expect(created.code).toMatch(/^[A-Z0-9]{6}$/);
	});

	it('over long-polling is answered 413', async () => {
		const handshake = await fetch(`${server.url}/socket.io/?EIO=4&transport=polling`);
		const sid = JSON.parse((await handshake.text()).slice(1)).sid as string;
		const res = await fetch(`${server.url}/socket.io/?EIO=4&transport=polling&sid=${sid}`, {
			method: 'POST',
			body: '4' + 'x'.repeat(1_100_000)
		});
		expect(res.status).toBe(413);
	});
});
