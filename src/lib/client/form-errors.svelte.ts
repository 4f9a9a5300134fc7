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

	/**
	 * Shows every field's error at once (so nobody fixes one field only to meet the next on a second
	 * try), says them in order, and focuses the first field. `focus` overrides where focus goes.
	 */
	showAll(errors: { code: CommandError['code']; field: string }[], focus?: () => void) {
		if (errors.length === 0) return;
		const settings = this.#app.settings;
		const byField: Record<string, string> = {};
		const said: string[] = [];
		for (const { code, field } of errors) {
			const message = settings.error(code);
			byField[field] = message;
			said.push(settings.maybe(`error.field.${field}`, { message }) ?? message);
		}
		this.byField = byField;
		this.general = '';
		this.#app.announcer.error(said.join(' '));
		if (focus) focus();
		else document.getElementById(`field-${errors[0].field}`)?.focus();
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
