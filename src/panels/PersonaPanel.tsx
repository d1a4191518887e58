// Personas: the customer archetypes the map follows. Name, picture (an emoji or a small image),
// goals, needs and frustrations.
import { sortByIndex } from '../journey/order';
import type { Persona } from '../journey/types';
import { useActions, useEditor, useJourney, useReadOnly } from '../store/context';
import { useT } from '../i18n';
import { askConfirm } from './confirm';
import { TextField } from './fields';
import { Avatar } from './MapHeader';
import { Icon } from '../views/Icon';

const PICTURES = ['🙋‍♀️', '🙋‍♂️', '👩‍💼', '👨‍💼', '👵', '👴', '🧑‍🎓', '👩‍🔧', '🧑‍💻', '👪'];
const MAX_PICTURE_BYTES = 2_000_000;

/** Shrinks an uploaded picture to a 96 px square data URL, so the document stays small. */
async function pictureToDataUrl(file: File): Promise<string> {
  const bitmap = await createImageBitmap(file);
  const size = 96;
  const canvas = document.createElement('canvas');
  canvas.width = size;
  canvas.height = size;
  const ctx = canvas.getContext('2d')!;
  const side = Math.min(bitmap.width, bitmap.height);
  ctx.drawImage(bitmap, (bitmap.width - side) / 2, (bitmap.height - side) / 2, side, side, 0, 0, size, size);
  return canvas.toDataURL('image/jpeg', 0.85);
}

function PersonaEditor({ persona }: { persona: Persona }) {
  const t = useT();
  const actions = useActions();
  const update = (patch: Partial<Persona>) => actions.updatePersona(persona.id, patch);
  return (
    <section className="persona-card" aria-label={persona.name || t('persona.unnamed')}>
      <div className="persona-head">
        <Avatar picture={persona.picture} size={44} />
        <TextField label={t('persona.name')} value={persona.name} onSave={(name) => update({ name })} />
      </div>
      <div className="field">
        <span className="field-label" id={`pics-${persona.id}`}>
          {t('persona.picture')}
        </span>
        <div className="picture-choices" role="group" aria-labelledby={`pics-${persona.id}`}>
          {PICTURES.map((p) => (
            <button key={p} type="button" className={`pic${persona.picture === p ? ' is-on' : ''}`} aria-pressed={persona.picture === p} aria-label={t('persona.pictureEmoji', { emoji: p })} onClick={() => update({ picture: p })}>
              {p}
            </button>
          ))}
          <label className="btn btn-ghost pic-upload">
            {t('persona.upload')}
            <input
              type="file"
              accept="image/*"
              className="sr-only"
              onChange={async (e) => {
                const file = e.target.files?.[0];
                if (!file) return;
                if (file.size > MAX_PICTURE_BYTES) {
                  alert(t('persona.pictureTooBig'));
                  return;
                }
                try {
                  update({ picture: await pictureToDataUrl(file) });
                } catch {
                  alert(t('persona.pictureUnreadable'));
                }
              }}
            />
          </label>
        </div>
      </div>
      <TextField label={t('persona.goals')} value={persona.goals} multiline onSave={(goals) => update({ goals })} />
      <TextField label={t('persona.needs')} value={persona.needs} multiline onSave={(needs) => update({ needs })} />
      <TextField label={t('persona.frustrations')} value={persona.frustrations} multiline onSave={(frustrations) => update({ frustrations })} />
      <button
        type="button"
        className="btn btn-danger"
        onClick={async () => {
          if (await askConfirm(t('persona.deleteTitle'), t('persona.deleteMessage', { name: persona.name }), t('common.delete'))) actions.deletePersona(persona.id);
        }}
      >
        <Icon name="trash" /> {t('persona.delete')}
      </button>
    </section>
  );
}

export function PersonaPanel() {
  const t = useT();
  const readOnly = useReadOnly();
  const actions = useActions();
  const { store } = useEditor();
  const personasMap = useJourney((j) => j.personas);
  const personas = sortByIndex(personasMap.values());
  return (
    <aside className="side-panel" aria-label={t('persona.panel')}>
      <div className="side-panel-head">
        <h2>{t('persona.panel')}</h2>
        <button type="button" className="icon-btn" aria-label={t('common.close')} onClick={() => store.session.closePanel()}>
          <Icon name="close" />
        </button>
      </div>
      <fieldset className="plain-fieldset" disabled={readOnly}>
        {personas.map((p) => (
          <PersonaEditor key={p.id} persona={p} />
        ))}
        {!readOnly && (
          <button type="button" className="btn" onClick={() => actions.addPersona(t('persona.newName'), PICTURES[personas.length % PICTURES.length]!)}>
            + {t('persona.add')}
          </button>
        )}
      </fieldset>
    </aside>
  );
}
