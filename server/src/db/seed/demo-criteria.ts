import type { EntityManager } from 'typeorm';
import type { DemoProgram } from './demo';

/** Marks every sample assessment: invented to show the card, not the commune's real results. */
export const SAMPLE_EVIDENCE =
  'Dữ liệu mẫu (mẫu) để minh họa, không phải kết quả đánh giá thực tế của xã.';

/**
 * The memorandum's area 4 acts on the 2009 set's market and environment criteria (the set of
 * Decision 491/QĐ-TTg in force in 2014, loaded by the migration as reference data); a few yearly
 * assessments of Xuân Sơn Bắc, marked as samples, show the card.
 */
export async function seedCriteria(em: EntityManager, program: DemoProgram) {
  const criterion = async (set: string, name: string) => {
    const [row] = (await em.query(
      `SELECT c.id FROM criteria c JOIN criteria_sets s ON s.id = c.criteria_set_id
        WHERE s.code = $1 AND c.name = $2`,
      [set, name],
    )) as { id: string }[];
    return row?.id ?? null;
  };
  const market = await criterion('NTM-2009', 'Chợ nông thôn');
  const environment = await criterion('NTM-2009', 'Môi trường');
  if (!market || !environment) return; // an administrator changed the reference data
  for (const [id, words] of [
    [market, 'chợ nông thôn'],
    [environment, 'môi trường'],
  ] as const)
    await em.query(
      `INSERT INTO commitment_criteria (commitment_id, criterion_id)
       SELECT c.id, $2 FROM commitments c JOIN memoranda m ON m.id = c.memorandum_id
        WHERE m.partnership_id = $1 AND c.area = 'MARKET_ENVIRONMENT_CRITERIA'
          AND c.title ILIKE '%' || $3 || '%'`,
      [program.partnershipId, id, words],
    );

  // Sample years: [set, criterion name, year, met]; gaps show "chưa đánh giá" on the card.
  const samples: [string, string, number, boolean][] = [
    ['NTM-2009', 'Chợ nông thôn', 2014, false],
    ['NTM-2009', 'Môi trường', 2014, false],
    ['NTM-2009', 'Chợ nông thôn', 2015, false],
    ['NTM-2009', 'Môi trường', 2015, true],
    ['NTM-2016', 'Cơ sở hạ tầng thương mại nông thôn', 2018, true],
    ['NTM-2016', 'Môi trường và an toàn thực phẩm', 2018, false],
    ['NTM-2016', 'Môi trường và an toàn thực phẩm', 2020, true],
    ['NTM-2021', 'Cơ sở hạ tầng thương mại nông thôn', 2023, true],
  ];
  for (const [set, name, year, met] of samples) {
    const id = await criterion(set, name);
    if (!id) continue;
    await em.query(
      `INSERT INTO criterion_assessments (commune_id, criterion_id, year, met, evidence, assessed_on)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [program.communeId, id, year, met, SAMPLE_EVIDENCE, `${year}-12-15`],
    );
  }
}
