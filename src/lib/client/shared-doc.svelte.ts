/**
 * A read (or read-write) copy of one of a workshop's shared documents, kept in sync by a stock
 * y-websocket provider. Awareness is switched off: presence travels over socket.io.
 */
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { DocKind } from '$lib/features/index';
import { docName } from '$lib/shared/workshop';

export class SharedDoc {
	readonly doc = new Y.Doc();
	readonly provider: WebsocketProvider;
	synced = $state(false);

	constructor(workshopId: string, kind: DocKind, ticket: string) {
		const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
		this.provider = new WebsocketProvider(
			`${scheme}://${location.host}/yjs`,
			docName(workshopId, kind),
			this.doc,
			{ params: { t: ticket }, disableBc: true }
		);
		// No awareness heartbeats: they would cost every participant a message every 15 s.
		this.provider.awareness.setLocalState(null);
		this.provider.on('sync', (s: boolean) => (this.synced = s));
	}

	/** A fresh ticket after socket.io reconnects (tickets do not survive a server restart). */
	setTicket(ticket: string) {
		if (this.provider.params.t === ticket) return;
		this.provider.params = { t: ticket };
		this.provider.disconnect();
		this.provider.connect();
	}

	destroy() {
		this.provider.destroy();
		this.doc.destroy();
	}
}

/** What everyone sees about the workshop itself, read live from its meta document. */
export class WorkshopMeta {
	title = $state('');
	#shared: SharedDoc;

	constructor(shared: SharedDoc, initialTitle: string) {
		this.#shared = shared;
		this.title = initialTitle;
		const meta = shared.doc.getMap('meta');
		meta.observe(() => {
			const title = meta.get('title');
			if (typeof title === 'string') this.title = title;
		});
	}

	get shared() {
		return this.#shared;
	}
}
