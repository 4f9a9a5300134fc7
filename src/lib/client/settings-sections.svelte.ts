/**
 * Parts of the Settings panel that belong to the page on screen, not the site: a joined
 * participant's access needs, for instance. The page adds its part while it is mounted; the panel
 * shows whatever is there, so the site's settings know no feature.
 */
import type { Snippet } from 'svelte';

export interface SettingsSection {
	id: string;
	render: Snippet;
}

export class SettingsSections {
	list = $state<SettingsSection[]>([]);

	/** Adds a section; the function returned takes it away (call it when the page goes). */
	add(id: string, render: Snippet): () => void {
		this.list = [...this.list.filter((s) => s.id !== id), { id, render }];
		return () => {
			this.list = this.list.filter((s) => s.render !== render);
		};
	}
}
