// Survey answers in PostgreSQL (DocStore's addResponses, responses, commentedResponses). An answer
// is kept with its `answerKey` (DocStore.ts), unique per map: an import sent twice, or by two
// instances at once, keeps each answer once, and says how many were new (the rows the one INSERT …
// ON CONFLICT DO NOTHING wrote).
import type pg from 'pg';
import { answerKey, type DocStore } from '../DocStore';
import { answerOfRow, RESPONSE_COLUMNS as COLUMNS, type ResponseRow } from '../rows';
import type { SurveyResponse } from '../../../src/journey/voc/scores';

export type ResponseMethods = Pick<DocStore, 'addResponses' | 'responses' | 'commentedResponses'>;

export function postgresResponses(pool: pg.Pool): ResponseMethods {
  return {
    async addResponses(id, answers) {
      if (!answers.length) return 0;
      // One statement (one transaction) for them all: each column as one array, in the given order.
      const column = <T>(of: (r: SurveyResponse) => T) => answers.map(of);
      const { rowCount } = await pool.query(
        `INSERT INTO responses (map_id, answer_key, ${COLUMNS})
         SELECT $1, k, l, d, t, s, m, sc, c, sg
         FROM unnest($2::text[], $3::integer[], $4::text[], $5::text[], $6::text[], $7::text[], $8::integer[], $9::text[], $10::text[]) WITH ORDINALITY AS a(k, l, d, t, s, m, sc, c, sg, i)
         ORDER BY i
         ON CONFLICT (map_id, answer_key) DO NOTHING`,
        [
          id,
          column(answerKey),
          column((r) => r.line),
          column((r) => r.date),
          column((r) => r.touchpointId),
          column((r) => r.stageId),
          column((r) => r.metric),
          column((r) => r.score),
          column((r) => r.comment),
          column((r) => r.segment),
        ],
      );
      return rowCount ?? 0;
    },
    async responses(id) {
      const { rows } = await pool.query<ResponseRow>(`SELECT ${COLUMNS} FROM responses WHERE map_id = $1 ORDER BY n`, [id]);
      return rows.map(answerOfRow);
    },
    async commentedResponses(id, from, until) {
      const { rows } = await pool.query<ResponseRow>(
        `SELECT ${COLUMNS} FROM responses WHERE map_id = $1 AND date >= $2 AND date < $3 AND btrim(comment) <> '' ORDER BY n`,
        [id, from, until],
      );
      return rows.map(answerOfRow);
    },
  };
}
