/**
 * Field errors for a form: which field is wrong and why, in the person's language. Errors are shown
 * next to the field, linked by aria-describedby, and said once through the announcer.
 */
import type { CommandError } from '$lib/features/index';
import type { AppContext } from './context';

export class FormErrors {
	#app: AppContext;
	byField = $state<Record<string, string>>({});
	general = $state('');

	constructor(app: AppContext) {
		this.#app = app;
	}

	/** Shows a server (or local) error, announces it, and focuses the field it belongs to. */
	show(error: Pick<CommandError, 'code' | 'field'>, fallbackField?: string) {
		const settings = this.#app.settings;
		const message = settings.error(error.code);
		const field = error.field ?? fallbackField;
		if (field) {
			this.byField = { [field]: message };
			this.general = '';
			// "Your name: That is too long." where the field has a name of its own.
			this.#app.announcer.error(settings.maybe(`error.field.${field}`, { message }) ?? message);
			document.getElementById(`field-${field}`)?.focus();
		} else {
			this.byField = {};
			this.general = message;
			this.#app.announcer.error(message);
		}
	}

	clear() {
		this.byField = {};
		this.general = '';
	}

	/** Attributes that tie a field to its hint and error. */
	describe(field: string, hasHint = true) {
		const ids = [hasHint ? `hint-${field}` : '', this.byField[field] ? `error-${field}` : '']
			.filter(Boolean)
			.join(' ');
		return {
			id: `field-${field}`,
			'aria-describedby': ids || undefined,
			'aria-invalid': this.byField[field] ? ('true' as const) : undefined
		};
	}
}
