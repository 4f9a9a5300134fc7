/** Opens the socket.io connection in the browser for as long as the calling component lives. */
import { onMount } from 'svelte';
import { Connection } from './connection.svelte';

export function useConnection(): { readonly current: Connection | null } {
	let current = $state<Connection | null>(null);
	onMount(() => {
		const connection = new Connection();
		current = connection;
		return () => connection.close();
	});
	return {
		get current() {
			return current;
		}
	};
}
