/**
 * A read (or read-write) copy of one of a workshop's shared documents. All of a page's documents
 * on one ticket share one websocket (`YjsLink`); stock y-websocket clients use the per-document
 * endpoint instead. Presence travels over socket.io, so there is no Yjs awareness.
 */
import * as Y from 'yjs';
import type { DocKind } from '$lib/features/index';
import { docName } from '$lib/shared/workshop';
import { linkUrl, YjsLink, type LinkedDoc } from './yjs-link';

/*
 * The page's open links, by URL. Browser-only and per page load (SharedDoc is never made during
 * server rendering); a link leaves this map when its last document leaves, so nothing outlives
 * what uses it.
 */
// eslint-disable-next-line svelte/prefer-svelte-reactivity -- connections, not rendered state
const links = new Map<string, YjsLink>();

function linkFor(ticket: string): YjsLink {
	const origin = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}`;
	const existing = links.get(linkUrl(origin, ticket));
	if (existing) return existing;
	const link = new YjsLink(origin, ticket, () => {
		if (links.get(link.url) === link) links.delete(link.url);
	});
	links.set(link.url, link);
	return link;
}

export class SharedDoc {
	readonly doc = new Y.Doc();
	/** This document on the page's link: `on('sync')` and `disconnect()` as on a stock provider. */
	provider: LinkedDoc;
	synced = $state(false);
	#name: string;
	#ticket: string;

	constructor(workshopId: string, kind: DocKind, ticket: string) {
		this.#name = docName(workshopId, kind);
		this.#ticket = ticket;
		this.provider = this.#attach();
	}

	#attach(): LinkedDoc {
		const linked = linkFor(this.#ticket).add(this.#name, this.doc);
		linked.on('sync', (s: boolean) => (this.synced = s));
		return linked;
	}

	/** A fresh ticket after socket.io reconnects (tickets do not survive a server restart). */
	setTicket(ticket: string) {
		if (this.#ticket === ticket) return;
		const listeners = this.provider;
		this.#ticket = ticket;
		listeners.disconnect();
		this.provider = this.#attach();
		this.provider.inheritListeners(listeners);
	}

	destroy() {
		this.provider.disconnect();
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
