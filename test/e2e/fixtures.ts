import { fixture } from '../../shared/sites/__fixtures__/load';

/** The saved board pages the end-to-end run serves on their real URLs. */
const PICKS = {
  linkedin: ['linkedin', 'view-signed-in'],
  indeed: ['indeed', 'viewjob-classic'],
  greenhouse: ['greenhouse', 'classic'],
  injection: ['greenhouse', 'injection'],
  hidden: ['greenhouse', 'hidden-text'],
  lever: ['lever', 'posting'],
} as const;

export function pickFixture(which: keyof typeof PICKS): { url: string; html: string; title: string; payloads: string[]; excluded: string[] } {
  const [board, name] = PICKS[which];
  const f = fixture(board, name);
  return { url: f.expected.url, html: f.html, title: f.expected.title, payloads: f.expected.payloads ?? [], excluded: f.expected.descriptionExcludes };
}
