/**
 * Actions in English and Welsh, with easy-read versions of what participants see. DESIGN.md
 * "Words" kept exactly: "Actions", "Add action"; owners see "Your actions".
 */
import type { EnglishForms, WelshForms } from '../../shared/plural.ts';

export const en = {
	'actions.heading': 'Actions',
	'actions.takeHint': 'You will be the one who does it.',
	'actions.owner': 'Who: {names}',
	'actions.facilitator.noneHere': 'Nobody is here yet to choose.',
	'actions.intro': 'Who will do what, and by when.',
	'actions.empty': 'No actions yet.',
	'actions.yours': 'Your actions',
	'actions.yoursEmpty': 'You have no actions.',
	'actions.what': 'What will be done',
	'actions.owners': 'Who will do it',
	'actions.ownersHint':
		'Choose one or more people who are here, including people without a device.',
	'actions.due': 'By when',
	'actions.dueHint': 'Optional. Leave empty if there is no date yet.',
	'actions.noDate': 'No date yet',
	'actions.dueOn': 'By {date}',
	'actions.done': 'Done',
	'actions.notDone': 'Not done yet',
	'actions.overdue': 'The date has passed',
	'actions.add': 'Add action',
	'actions.save': 'Save action',
	'actions.markDone': 'Mark as done: {what}',
	'actions.markNotDone': 'Mark as not done: {what}',
	'actions.added': 'Action added.',
	'error.no-owner': 'Please choose at least one person.',
	'error.too-many-owners': 'Please choose up to 10 people.',
	'error.invalid-date': 'Please give a real date.',
	'error.date-in-past': 'That date has already passed.',
	'error.date-too-far': 'That date is too far away.',
	'actions.facilitator.edit': 'Edit action',
	'actions.facilitator.remove': 'Remove action',
	'actions.facilitator.removeConfirm': 'Remove this action? This cannot be undone.'
} as const;

export const cy: Record<keyof typeof en, string> = {
	'actions.heading': 'Camau gweithredu',
	'actions.takeHint': 'Chi fydd yr un sy’n ei wneud.',
	'actions.owner': 'Pwy: {names}',
	'actions.facilitator.noneHere': 'Does neb yma eto i’w ddewis.',
	'actions.intro': 'Pwy fydd yn gwneud beth, ac erbyn pryd.',
	'actions.empty': 'Dim camau gweithredu eto.',
	'actions.yours': 'Eich camau gweithredu',
	'actions.yoursEmpty': 'Does gennych chi ddim camau gweithredu.',
	'actions.what': 'Beth fydd yn cael ei wneud',
	'actions.owners': 'Pwy fydd yn ei wneud',
	'actions.ownersHint': 'Dewiswch un neu fwy o bobl sydd yma, gan gynnwys pobl heb ddyfais.',
	'actions.due': 'Erbyn pryd',
	'actions.dueHint': 'Dewisol. Gadewch yn wag os nad oes dyddiad eto.',
	'actions.noDate': 'Dim dyddiad eto',
	'actions.dueOn': 'Erbyn {date}',
	'actions.done': 'Wedi’i wneud',
	'actions.notDone': 'Heb ei wneud eto',
	'actions.overdue': 'Mae’r dyddiad wedi mynd heibio',
	'actions.add': 'Ychwanegu cam gweithredu',
	'actions.save': 'Cadw’r cam gweithredu',
	'actions.markDone': 'Nodi wedi’i wneud: {what}',
	'actions.markNotDone': 'Nodi heb ei wneud: {what}',
	'actions.added': 'Cam gweithredu wedi’i ychwanegu.',
	'error.no-owner': 'Dewiswch o leiaf un person, os gwelwch yn dda.',
	'error.too-many-owners': 'Dewiswch hyd at 10 person, os gwelwch yn dda.',
	'error.invalid-date': 'Rhowch ddyddiad go iawn, os gwelwch yn dda.',
	'error.date-in-past': 'Mae’r dyddiad hwnnw wedi mynd heibio.',
	'error.date-too-far': 'Mae’r dyddiad hwnnw’n rhy bell i ffwrdd.',
	'actions.facilitator.edit': 'Golygu’r cam gweithredu',
	'actions.facilitator.remove': 'Tynnu’r cam gweithredu',
	'actions.facilitator.removeConfirm': 'Tynnu’r cam gweithredu hwn? Does dim modd dadwneud hyn.'
};

export const easyEn = {
	'actions.heading': 'Actions',
	'actions.takeHint': 'You will do this.',
	'actions.owner': 'Who: {names}',
	'actions.intro': 'These are jobs people will do after today.',
	'actions.empty': 'There are no actions yet.',
	'actions.yours': 'Your actions',
	'actions.yoursEmpty': 'You do not have any actions.',
	'actions.what': 'What will be done',
	'actions.owners': 'Who will do it',
	'actions.ownersHint': 'Choose one or more people who are here.',
	'actions.due': 'By when',
	'actions.dueHint': 'You can leave the date empty.',
	'actions.noDate': 'No date yet',
	'actions.dueOn': 'By {date}',
	'actions.done': 'Done',
	'actions.notDone': 'Not done yet',
	'actions.overdue': 'The date has gone',
	'actions.add': 'Add action',
	'actions.save': 'Save action',
	'actions.markDone': 'Mark as done: {what}',
	'actions.markNotDone': 'Mark as not done: {what}',
	'actions.added': 'We added the action.',
	'error.no-owner': 'Please choose a person.',
	'error.too-many-owners': 'Please choose 10 people or fewer.',
	'error.invalid-date': 'Please give a real date.',
	'error.date-in-past': 'That date has already gone.',
	'error.date-too-far': 'That date is too far away.'
} satisfies Partial<Record<keyof typeof en, string>>;

export const easyCy: Record<keyof typeof easyEn, string> = {
	'actions.heading': 'Camau gweithredu',
	'actions.takeHint': 'Chi fydd yn gwneud hyn.',
	'actions.owner': 'Pwy: {names}',
	'actions.intro': 'Dyma waith bydd pobl yn ei wneud ar ôl heddiw.',
	'actions.empty': 'Does dim camau gweithredu eto.',
	'actions.yours': 'Eich camau gweithredu',
	'actions.yoursEmpty': 'Does gennych chi ddim camau gweithredu.',
	'actions.what': 'Beth fydd yn cael ei wneud',
	'actions.owners': 'Pwy fydd yn ei wneud',
	'actions.ownersHint': 'Dewiswch un neu fwy o bobl sydd yma.',
	'actions.due': 'Erbyn pryd',
	'actions.dueHint': 'Gallwch adael y dyddiad yn wag.',
	'actions.noDate': 'Dim dyddiad eto',
	'actions.dueOn': 'Erbyn {date}',
	'actions.done': 'Wedi’i wneud',
	'actions.notDone': 'Heb ei wneud eto',
	'actions.overdue': 'Mae’r dyddiad wedi mynd',
	'actions.add': 'Ychwanegu cam gweithredu',
	'actions.save': 'Cadw’r cam gweithredu',
	'actions.markDone': 'Nodi wedi’i wneud: {what}',
	'actions.markNotDone': 'Nodi heb ei wneud: {what}',
	'actions.added': 'Fe wnaethon ni ychwanegu’r cam gweithredu.',
	'error.no-owner': 'Dewiswch berson, os gwelwch yn dda.',
	'error.too-many-owners': 'Dewiswch 10 person neu lai, os gwelwch yn dda.',
	'error.invalid-date': 'Rhowch ddyddiad go iawn, os gwelwch yn dda.',
	'error.date-in-past': 'Mae’r dyddiad hwnnw wedi mynd.',
	'error.date-too-far': 'Mae’r dyddiad hwnnw’n rhy bell i ffwrdd.'
};

export const enCounted = {
	'actions.count': { one: '1 action', other: '{count} actions' }
} satisfies Record<string, EnglishForms>;

export const cyCounted: Record<keyof typeof enCounted, WelshForms> = {
	'actions.count': {
		zero: '{count} cam gweithredu',
		one: '{count} cam gweithredu',
		two: '{count} gam gweithredu',
		few: '{count} cham gweithredu',
		many: '{count} cham gweithredu',
		other: '{count} cam gweithredu'
	}
};

export const easyEnCounted = enCounted satisfies Partial<
	Record<keyof typeof enCounted, EnglishForms>
>;
export const easyCyCounted: Record<keyof typeof easyEnCounted, WelshForms> = cyCounted;
