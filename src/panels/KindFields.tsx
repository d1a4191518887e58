// A card's own fields in the inspector, as its kind declares them (src/journey/cards: the kind's
// `inspector` list, then the evidence every card has). Each change is one `updateCard` command.
import { defOf, evidenceHref, evidenceInspector, type Card, type CardFields, type InspectorField } from '../journey/cards';
import { useActions } from '../store/context';
import { useFormat, type Translate } from '../i18n';
import { wordsText } from '../views/words';
import { Icon } from '../views/Icon';
import { CheckField, NumberField, SelectField, TextField } from './fields';
import { rememberedName } from './identity';

function StatusStamp({ card, t }: { card: Card; t: Translate }) {
  const format = useFormat();
  if (!('statusChangedAt' in card) || !card.statusChangedAt) return null;
  const date = format.date(card.statusChangedAt);
  return <p className="muted small">{card.statusChangedBy ? t('field.statusChangedBy', { date, name: card.statusChangedBy }) : t('field.statusChanged', { date })}</p>;
}

/** Told each change a field made, in words (the outline announces it): the field's label and the value shown. */
export type OnFieldChange = (label: string, value: string | boolean) => void;

function Field({ field, card, t, onChange }: { field: InspectorField; card: Card; t: Translate; onChange?: OnFieldChange }) {
  const actions = useActions();
  // Who changes a loop's status is recorded with it.
  const update = (patch: CardFields, shown?: string | boolean) => {
    if (actions.updateCard(card.id, patch, rememberedName()) && onChange && field.type !== 'statusStamp') onChange(t(field.label), shown ?? String(Object.values(patch)[0] ?? ''));
  };
  const value = field.type === 'statusStamp' ? undefined : (card as unknown as Record<string, unknown>)[field.key];
  switch (field.type) {
    case 'select':
      return (
        <SelectField
          label={t(field.label)}
          value={value === undefined || value === null ? '' : String(value)}
          options={field.options.map((o) => ({ value: o.value, label: wordsText(t, o.words) }))}
          onChange={(v) => update({ [field.key]: field.numeric ? Number(v) : v === '' ? null : v }, wordsText(t, field.options.find((o) => o.value === v)?.words ?? { plain: v }))}
        />
      );
    case 'text':
      return (
        <TextField
          label={t(field.label)}
          value={typeof value === 'string' ? value : ''}
          multiline={field.multiline}
          type={field.inputType}
          list={field.suggest === 'departments' ? 'tp-departments' : undefined}
          onSave={(v) => update({ [field.key]: v })}
        />
      );
    case 'check':
      return <CheckField label={t(field.label)} checked={value === true} onChange={(v) => update({ [field.key]: v }, v)} />;
    case 'number':
      return <NumberField label={t(field.label)} value={typeof value === 'number' ? value : null} min={field.min} onSave={(v) => update({ [field.key]: v })} />;
    case 'statusStamp':
      return <StatusStamp card={card} t={t} />;
  }
}

/** The fields of the card's kind, then its evidence (with a link to open the source, when it is a web address). */
export function KindFields({ card, t, onChange }: { card: Card; t: Translate; onChange?: OnFieldChange }) {
  const href = evidenceHref(card);
  return (
    <>
      {defOf(card).inspector(card).map((field, i) => (
        <Field key={field.type === 'statusStamp' ? `stamp${i}` : field.key} field={field} card={card} t={t} onChange={onChange} />
      ))}
      {evidenceInspector.map((field) => (
        <Field key={field.type === 'statusStamp' ? 'stamp' : field.key} field={field} card={card} t={t} onChange={onChange} />
      ))}
      {href && (
        <a className="link-btn evidence-link" href={href} target="_blank" rel="noopener noreferrer">
          <Icon name="externalLink" /> {t('evidence.open')}
        </a>
      )}
    </>
  );
}
