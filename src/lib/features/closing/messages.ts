/**
 * Closing and deleting a workshop, in English and Welsh, with easy-read versions of what
 * participants see. DESIGN.md "Words": "Close workshop", "Delete workshop now" (in closeout).
 */
export const en = {
	'closing.closed': 'This workshop has closed. You can still read it, but nothing can be changed.',
	'closing.deleted': 'This workshop has been deleted. Nothing of it is kept.',
	'error.workshop-closed': 'This workshop has closed, so nothing can be changed.',
	'closing.joinClosed.heading': 'This workshop has closed',
	'closing.joinClosed':
		'Nobody can join it now. If you took part, you can read what it decided on the phone or computer you joined with.',
	'closing.facilitator.heading': 'End of the workshop',
	'closing.facilitator.yesClose': 'Yes, close it',
	'closing.facilitator.keepOpen': 'Keep it open',
	'closing.facilitator.yesDelete': 'Yes, delete everything',
	'closing.facilitator.keep': 'Do not delete'
} as const;

export const cy: Record<keyof typeof en, string> = {
	'closing.closed':
		'Mae’r gweithdy hwn wedi cau. Gallwch ei ddarllen o hyd, ond does dim modd newid dim byd.',
	'closing.deleted': 'Mae’r gweithdy hwn wedi’i ddileu. Does dim byd ohono’n cael ei gadw.',
	'error.workshop-closed': 'Mae’r gweithdy hwn wedi cau, felly does dim modd newid dim byd.',
	'closing.joinClosed.heading': 'Mae’r gweithdy hwn wedi cau',
	'closing.joinClosed':
		'Does neb yn gallu ymuno nawr. Os oeddech chi yno, gallwch ddarllen beth wnaeth e ei benderfynu ar y ffôn neu’r cyfrifiadur y gwnaethoch chi ymuno ag e.',
	'closing.facilitator.heading': 'Diwedd y gweithdy',
	'closing.facilitator.yesClose': 'Ie, cau’r gweithdy',
	'closing.facilitator.keepOpen': 'Ei gadw ar agor',
	'closing.facilitator.yesDelete': 'Ie, dileu popeth',
	'closing.facilitator.keep': 'Peidio â dileu'
};

export const easyEn = {
	'closing.closed': 'This workshop has ended. You can read it. You cannot change it.',
	'closing.deleted': 'This workshop has been deleted. It is all gone.',
	'error.workshop-closed': 'The workshop has ended. You cannot change anything now.',
	'closing.joinClosed.heading': 'This workshop has ended',
	'closing.joinClosed':
		'Nobody can join now. Did you take part? Use the same phone or computer. Then you can read what we decided.'
} satisfies Partial<Record<keyof typeof en, string>>;

export const easyCy: Record<keyof typeof easyEn, string> = {
	'closing.closed':
		'Mae’r gweithdy hwn wedi gorffen. Gallwch ei ddarllen. Allwch chi ddim ei newid.',
	'closing.deleted': 'Mae’r gweithdy hwn wedi’i ddileu. Mae’r cyfan wedi mynd.',
	'error.workshop-closed': 'Mae’r gweithdy wedi gorffen. Allwch chi ddim newid dim byd nawr.',
	'closing.joinClosed.heading': 'Mae’r gweithdy hwn wedi gorffen',
	'closing.joinClosed':
		'Does neb yn gallu ymuno nawr. Oeddech chi yno? Defnyddiwch yr un ffôn neu gyfrifiadur. Yna gallwch ddarllen beth wnaethon ni ei benderfynu.'
};
