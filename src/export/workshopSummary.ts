// The workshop summary the facilitator copies or downloads (Markdown, for a wiki, an e-mail or the
// next meeting's notes): who took part, the cards added in the session per stage and lane, and the
// result of every vote closed in it, ranked. Pure: the journey, the workshop and a translate
// function in, text out.
import type { Translate } from '../i18n';
import type { Locale } from '../i18n/catalogue';
import { formatDateTime } from '../i18n/format';
import { addedSince, rankVote, type Workshop } from '../journey/workshop';
import type { Journey } from '../journey/types';
import { oneLine as md } from './markdown';


export function workshopSummary(journey: Journey, workshop: Workshop, t: Translate, locale: Locale): string {
  const session = workshop.session;
  const when = (time: number) => formatDateTime(locale, time);
  const lines = [`# ${t('workshop.summary.heading', { title: md(journey.meta.title) })}`, ''];
  if (session) lines.push(t('workshop.summary.started', { date: when(session.startedAt) }), '');
  const people = [...workshop.participants.values()].filter((p) => !session || p.session === session.startedAt).sort((a, b) => a.name.localeCompare(b.name, locale));
  lines.push(`${t('workshop.summary.people', { n: people.length })}${people.length ? `: ${people.map((p) => md(p.name)).join(', ')}` : ''}`, '');

  const added = session ? addedSince(session, journey) : [];
  const total = added.reduce((n, cell) => n + cell.cards.length, 0);
  lines.push(`## ${t('workshop.summary.added')}`, '', t('workshop.summary.addedCount', { n: total }), '');
  for (const cell of added) {
    lines.push(`### ${md(cell.stage)} · ${md(cell.lane)} (${cell.cards.length})`, '');
    for (const text of cell.cards) lines.push(`- ${md(text) || '—'}`);
    lines.push('');
  }

  const closed = [...workshop.votes.values()].filter((v) => v.status === 'closed' && (!session || (v.closedAt ?? 0) >= session.startedAt)).sort((a, b) => (a.closedAt ?? 0) - (b.closedAt ?? 0));
  lines.push(`## ${t('workshop.summary.votes')}`, '');
  if (!closed.length) lines.push(t('workshop.summary.noVotes'), '');
  for (const vote of closed) {
    lines.push(`### ${t('workshop.summary.vote', { date: when(vote.closedAt ?? vote.openedAt), n: vote.voters, k: vote.votesPerPerson })}`, '');
    const ranked = rankVote(vote, journey).filter((r) => r.votes > 0);
    ranked.forEach((r) => {
      const stage = journey.stages.get(r.card.stageId)?.name ?? '';
      // A bullet, not a numbered list: renderers renumber "1. 1. 3." as 1, 2, 3 and hide the tie.
      lines.push(`- **${r.place}.** ${md(r.card.text) || '—'} — ${t('workshop.voteCount', { n: r.votes })}${stage ? ` (${md(stage)})` : ''}`);
    });
    lines.push('');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
