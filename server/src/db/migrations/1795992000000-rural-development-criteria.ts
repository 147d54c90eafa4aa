import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * New-rural-development criteria with versions (issue 14, point 2): the national criteria sets with
 * their periods in force, their criteria numbered as printed in each set, indicators, the criteria
 * an area-4 commitment acts on, and a commune's yearly assessment of a criterion.
 *
 * The sets are reference data loaded HERE, not by the demo: a production install without the demo
 * has them, each database gets them exactly once (an administrator's later correction, audited, is
 * never overwritten by a loader at the next start), and the data is versioned with the schema that
 * reads it. Later sets are added by a later migration or by an administrator.
 *
 * Sources (searched 29/11/2026; see the README's feature list):
 * - Decision 491/QĐ-TTg of 16/04/2009, in force from its signing: vanbanphapluat.co (English text,
 *   "This decision takes effect after its signing"). Its 19 criteria: criterion 7 "Chợ nông thôn" and
 *   criteria 10 (thu nhập), 12 (cơ cấu lao động), 14 (giáo dục), 15 (y tế) are CONFIRMED by the news
 *   of Decision 342/QĐ-TTg of 20/02/2013, which amended exactly those five (lamdong.gov.vn,
 *   quan1.hochiminhcity.gov.vn). The other names and the group headings are UNCONFIRMED (not read in
 *   the annex itself), among them 17 "Môi trường".
 * - Decision 1980/QĐ-TTg (2016–2020): the 19 criteria and their groups are CONFIRMED by
 *   baonghean.vn/en (…-10116980.html) and en.vietnamplus.vn (…/100780.vnp), in English; the
 *   Vietnamese wording and the date 17/10/2016 are UNCONFIRMED.
 * - Decision 318/QĐ-TTg of 08/03/2022 (2021–2025): number and date CONFIRMED (baonghean.vn; Cần Thơ
 *   Decision 3429/QĐ-UBND citing it). Its criteria 7 and 17 as entered are UNCONFIRMED.
 * - Decision 51/2025/QĐ-TTg of 29/12/2025 (2026–2030): number and date CONFIRMED
 *   (xaydungchinhsach.chinhphu.vn full text); effective 15/02/2026 UNCONFIRMED (REFERENCE-FACTS);
 *   its ten criteria, with socio-economic infrastructure second and rural environment and landscape
 *   eighth, CONFIRMED for the draft (baonghean.vn/en, 17/09/2025), UNCONFIRMED for the final text.
 *   No stand-alone market criterion.
 */
export class RuralDevelopmentCriteria1795992000000 implements MigrationInterface {
  name = 'RuralDevelopmentCriteria1795992000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "criteria_sets" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "version" integer NOT NULL DEFAULT \'1\', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "code" text NOT NULL, "name" text NOT NULL, "legal_act" text NOT NULL, "issued_date" date, "valid_from" date NOT NULL, "valid_to" date, "source" text, CONSTRAINT "criteria_sets_valid_period" CHECK ("valid_to" IS NULL OR "valid_to" >= "valid_from"), CONSTRAINT "PK_1f12d9238e494e11c16fbc7ae13" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_01b3e68c32c9540954ddef3d77" ON "criteria_sets"  ("code") ',
    );
    await queryRunner.query(
      'CREATE TABLE "criteria" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "version" integer NOT NULL DEFAULT \'1\', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "criteria_set_id" uuid NOT NULL, "number" text NOT NULL, "position" integer NOT NULL DEFAULT \'0\', "name" text NOT NULL, "group_name" text, "note" text, "predecessor_id" uuid, CONSTRAINT "PK_91cd5f7ff7be5ade9bca5b98cfb" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_01f4199525f7b4325d7e430d2e" ON "criteria"  ("predecessor_id") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_f012c18039b2e7c766eadd60d3" ON "criteria"  ("criteria_set_id", "number") ',
    );
    await queryRunner.query(
      'CREATE TABLE "criterion_indicators" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "version" integer NOT NULL DEFAULT \'1\', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "criterion_id" uuid NOT NULL, "code" text NOT NULL, "content" text NOT NULL, "target" text, CONSTRAINT "PK_1127fe7f861ac420a42d72e4bab" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_057789a5973f9670dded93c914" ON "criterion_indicators"  ("criterion_id", "code") ',
    );
    await queryRunner.query(
      'CREATE TABLE "commitment_criteria" ("commitment_id" uuid NOT NULL, "criterion_id" uuid NOT NULL, CONSTRAINT "PK_20e82e0ac09d6574ecfac278974" PRIMARY KEY ("commitment_id", "criterion_id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_cd3d4dd390756ae819eef9d5d1" ON "commitment_criteria"  ("criterion_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "criterion_assessments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "version" integer NOT NULL DEFAULT \'1\', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "commune_id" uuid NOT NULL, "criterion_id" uuid NOT NULL, "year" integer NOT NULL, "met" boolean NOT NULL, "evidence" text, "assessed_on" date NOT NULL, "recorded_by_id" uuid, CONSTRAINT "criterion_assessments_year" CHECK ("year" BETWEEN 2000 AND 2100), CONSTRAINT "PK_f9170f425ca4fed4f39d5aed14b" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_48d736cf82b2ca87fafb4e98cb" ON "criterion_assessments"  ("criterion_id") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_a7a553338728ce2d847b60f0b3" ON "criterion_assessments"  ("commune_id", "criterion_id", "year") ',
    );
    await queryRunner.query(
      'ALTER TABLE "criteria" ADD CONSTRAINT "FK_17f2a0c2b3976342aeacfe5a81e" FOREIGN KEY ("criteria_set_id") REFERENCES "criteria_sets"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "criteria" ADD CONSTRAINT "FK_01f4199525f7b4325d7e430d2ed" FOREIGN KEY ("predecessor_id") REFERENCES "criteria"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "criterion_indicators" ADD CONSTRAINT "FK_bcc715c9d6613f18919b0779417" FOREIGN KEY ("criterion_id") REFERENCES "criteria"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "commitment_criteria" ADD CONSTRAINT "FK_dc538015ed1d69d57d2ec234c5f" FOREIGN KEY ("commitment_id") REFERENCES "commitments"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "commitment_criteria" ADD CONSTRAINT "FK_cd3d4dd390756ae819eef9d5d11" FOREIGN KEY ("criterion_id") REFERENCES "criteria"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "criterion_assessments" ADD CONSTRAINT "FK_662acd647062f87092efccd1491" FOREIGN KEY ("commune_id") REFERENCES "administrative_units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "criterion_assessments" ADD CONSTRAINT "FK_48d736cf82b2ca87fafb4e98cb7" FOREIGN KEY ("criterion_id") REFERENCES "criteria"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "criterion_assessments" ADD CONSTRAINT "FK_ac4a98e69627e1a49c055b81de2" FOREIGN KEY ("recorded_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );

    const q = (sql: string, params?: unknown[]) => queryRunner.query(sql, params);
    await loadCriteriaSets(q);

    // Every change of the reference data, the links and the assessments is in the trail.
    for (const [table, key] of [
      ['criteria_sets', 'id'],
      ['criteria', 'id'],
      ['criterion_indicators', 'id'],
      ['commitment_criteria', 'commitment_id'],
      ['criterion_assessments', 'id'],
    ])
      await q(`CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON ${table}
                 FOR EACH ROW EXECUTE FUNCTION audit_row_change('${key}')`);

    // Assessments: every signed-in role but viewers reads them; administrators write any, an agency
    // officer those of a commune one of their agency's partnerships helps.
    const write = `(SELECT app_role()) = 'ADMIN' OR ((SELECT app_role()) = 'AGENCY_OFFICER' AND EXISTS (
        SELECT 1 FROM partnerships p JOIN partnership_sponsors ps ON ps.partnership_id = p.id
         WHERE p.commune_id = criterion_assessments.commune_id AND ps.organization_id = (SELECT app_org())))`;
    await q('ALTER TABLE criterion_assessments ENABLE ROW LEVEL SECURITY');
    await q('ALTER TABLE criterion_assessments FORCE ROW LEVEL SECURITY');
    await q(`CREATE POLICY scope_read ON criterion_assessments FOR SELECT USING (
               (SELECT app_reads_all()) OR (SELECT app_role()) IN ('AGENCY_OFFICER', 'GROUP_MEMBER'))`);
    await q(`CREATE POLICY scope_insert ON criterion_assessments FOR INSERT WITH CHECK (${write})`);
    await q(
      `CREATE POLICY scope_update ON criterion_assessments FOR UPDATE USING (${write}) WITH CHECK (${write})`,
    );
    await q(`CREATE POLICY scope_delete ON criterion_assessments FOR DELETE USING (${write})`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "criterion_assessments" DROP CONSTRAINT "FK_ac4a98e69627e1a49c055b81de2"',
    );
    await queryRunner.query(
      'ALTER TABLE "criterion_assessments" DROP CONSTRAINT "FK_48d736cf82b2ca87fafb4e98cb7"',
    );
    await queryRunner.query(
      'ALTER TABLE "criterion_assessments" DROP CONSTRAINT "FK_662acd647062f87092efccd1491"',
    );
    await queryRunner.query(
      'ALTER TABLE "commitment_criteria" DROP CONSTRAINT "FK_cd3d4dd390756ae819eef9d5d11"',
    );
    await queryRunner.query(
      'ALTER TABLE "commitment_criteria" DROP CONSTRAINT "FK_dc538015ed1d69d57d2ec234c5f"',
    );
    await queryRunner.query(
      'ALTER TABLE "criterion_indicators" DROP CONSTRAINT "FK_bcc715c9d6613f18919b0779417"',
    );
    await queryRunner.query(
      'ALTER TABLE "criteria" DROP CONSTRAINT "FK_01f4199525f7b4325d7e430d2ed"',
    );
    await queryRunner.query(
      'ALTER TABLE "criteria" DROP CONSTRAINT "FK_17f2a0c2b3976342aeacfe5a81e"',
    );
    await queryRunner.query('DROP INDEX "public"."IDX_a7a553338728ce2d847b60f0b3"');
    await queryRunner.query('DROP INDEX "public"."IDX_48d736cf82b2ca87fafb4e98cb"');
    await queryRunner.query('DROP TABLE "criterion_assessments"');
    await queryRunner.query('DROP INDEX "public"."IDX_cd3d4dd390756ae819eef9d5d1"');
    await queryRunner.query('DROP TABLE "commitment_criteria"');
    await queryRunner.query('DROP INDEX "public"."IDX_057789a5973f9670dded93c914"');
    await queryRunner.query('DROP TABLE "criterion_indicators"');
    await queryRunner.query('DROP INDEX "public"."IDX_f012c18039b2e7c766eadd60d3"');
    await queryRunner.query('DROP INDEX "public"."IDX_01f4199525f7b4325d7e430d2e"');
    await queryRunner.query('DROP TABLE "criteria"');
    await queryRunner.query('DROP INDEX "public"."IDX_01b3e68c32c9540954ddef3d77"');
    await queryRunner.query('DROP TABLE "criteria_sets"');
  }
}

type Query = (sql: string, params?: unknown[]) => Promise<unknown>;

interface SetData {
  code: string;
  name: string;
  legalAct: string;
  issuedDate: string;
  validFrom: string;
  validTo: string | null;
  source: string;
  /** [number, name, group, note?, predecessor "SETCODE/number"?] in the set's order. */
  criteria: [string, string, string | null, string | null, string | null][];
  /** Indicators by criterion number: [code, content, target]. */
  indicators?: Record<string, [string, string, string | null][]>;
}

const HA_TANG = 'Hạ tầng kinh tế - xã hội';
const KINH_TE = 'Kinh tế và tổ chức sản xuất';
const VH_XH_MT = 'Văn hóa - xã hội - môi trường';

export const CRITERIA_SETS: SetData[] = [
  {
    code: 'NTM-2009',
    name: 'Bộ tiêu chí quốc gia về nông thôn mới (19 tiêu chí)',
    legalAct: 'Quyết định 491/QĐ-TTg',
    issuedDate: '2009-04-16',
    validFrom: '2009-04-16',
    // UNCONFIRMED: the day before Decision 1980/QĐ-TTg (17/10/2016, itself unconfirmed).
    validTo: '2016-10-16',
    source:
      'vanbanphapluat.co (Quyết định 491/QĐ-TTg ngày 16/4/2009, hiệu lực từ ngày ký). Tiêu chí 7, 10, 12, 14, 15 đối chiếu qua tin về Quyết định 342/QĐ-TTg ngày 20/02/2013 (sửa đổi 5 tiêu chí này). Các tên tiêu chí khác và các chỉ tiêu: chưa đối chiếu với phụ lục.',
    criteria: [
      // UNCONFIRMED except 7, 10, 12, 14, 15 (see the header).
      ['1', 'Quy hoạch và thực hiện quy hoạch', 'Quy hoạch', null, null],
      ['2', 'Giao thông', HA_TANG, null, null],
      ['3', 'Thủy lợi', HA_TANG, null, null],
      ['4', 'Điện', HA_TANG, null, null],
      ['5', 'Trường học', HA_TANG, null, null],
      ['6', 'Cơ sở vật chất văn hóa', HA_TANG, null, null],
      ['7', 'Chợ nông thôn', HA_TANG, 'Sửa đổi bởi Quyết định 342/QĐ-TTg ngày 20/02/2013.', null],
      ['8', 'Bưu điện', HA_TANG, null, null],
      ['9', 'Nhà ở dân cư', HA_TANG, null, null],
      ['10', 'Thu nhập', KINH_TE, 'Sửa đổi bởi Quyết định 342/QĐ-TTg ngày 20/02/2013.', null],
      ['11', 'Hộ nghèo', KINH_TE, null, null],
      [
        '12',
        'Cơ cấu lao động',
        KINH_TE,
        'Sửa đổi bởi Quyết định 342/QĐ-TTg ngày 20/02/2013.',
        null,
      ],
      ['13', 'Hình thức tổ chức sản xuất', KINH_TE, null, null],
      ['14', 'Giáo dục', VH_XH_MT, 'Sửa đổi bởi Quyết định 342/QĐ-TTg ngày 20/02/2013.', null],
      ['15', 'Y tế', VH_XH_MT, 'Sửa đổi bởi Quyết định 342/QĐ-TTg ngày 20/02/2013.', null],
      ['16', 'Văn hóa', VH_XH_MT, null, null],
      ['17', 'Môi trường', VH_XH_MT, null, null],
      ['18', 'Hệ thống tổ chức chính trị - xã hội vững mạnh', 'Hệ thống chính trị', null, null],
      ['19', 'An ninh, trật tự xã hội', 'Hệ thống chính trị', null, null],
    ],
    // UNCONFIRMED wording and targets (from memory of the annex and of Decision 342/QĐ-TTg).
    indicators: {
      '7': [['7.1', 'Chợ theo quy hoạch, đạt chuẩn theo quy định', 'Đạt']],
      '17': [
        [
          '17.1',
          'Tỷ lệ hộ được sử dụng nước sạch hợp vệ sinh theo quy chuẩn quốc gia',
          'Theo vùng',
        ],
        ['17.2', 'Các cơ sở sản xuất - kinh doanh đạt tiêu chuẩn về môi trường', 'Đạt'],
        [
          '17.3',
          'Không có các hoạt động suy giảm môi trường và có các hoạt động phát triển môi trường xanh, sạch, đẹp',
          'Đạt',
        ],
        ['17.4', 'Nghĩa trang được xây dựng theo quy hoạch', 'Đạt'],
        ['17.5', 'Chất thải, nước thải được thu gom và xử lý theo quy định', 'Đạt'],
      ],
    },
  },
  {
    code: 'NTM-2016',
    name: 'Bộ tiêu chí quốc gia về xã nông thôn mới giai đoạn 2016 - 2020',
    legalAct: 'Quyết định 1980/QĐ-TTg',
    // UNCONFIRMED date.
    issuedDate: '2016-10-17',
    validFrom: '2016-10-17',
    // UNCONFIRMED: applied until Decision 318/QĐ-TTg replaced it.
    validTo: '2022-03-07',
    source:
      'baonghean.vn/en (…-10116980.html), en.vietnamplus.vn (…/100780.vnp): 19 tiêu chí và các nhóm (bản tiếng Anh). Tên tiếng Việt và ngày ban hành: chưa đối chiếu với văn bản.',
    criteria: [
      ['1', 'Quy hoạch', 'Quy hoạch', null, null],
      ['2', 'Giao thông', HA_TANG, null, null],
      ['3', 'Thủy lợi', HA_TANG, null, null],
      ['4', 'Điện', HA_TANG, null, null],
      ['5', 'Trường học', HA_TANG, null, null],
      ['6', 'Cơ sở vật chất văn hóa', HA_TANG, null, null],
      ['7', 'Cơ sở hạ tầng thương mại nông thôn', HA_TANG, null, 'NTM-2009/7'],
      ['8', 'Thông tin và Truyền thông', HA_TANG, null, null],
      ['9', 'Nhà ở dân cư', HA_TANG, null, null],
      ['10', 'Thu nhập', KINH_TE, null, null],
      ['11', 'Hộ nghèo', KINH_TE, null, null],
      ['12', 'Lao động có việc làm', KINH_TE, null, null],
      ['13', 'Tổ chức sản xuất', KINH_TE, null, null],
      ['14', 'Giáo dục và Đào tạo', VH_XH_MT, null, null],
      ['15', 'Y tế', VH_XH_MT, null, null],
      ['16', 'Văn hóa', VH_XH_MT, null, null],
      ['17', 'Môi trường và an toàn thực phẩm', VH_XH_MT, null, 'NTM-2009/17'],
      ['18', 'Hệ thống chính trị và tiếp cận pháp luật', VH_XH_MT, null, null],
      ['19', 'Quốc phòng và An ninh', VH_XH_MT, null, null],
    ],
  },
  {
    code: 'NTM-2021',
    name: 'Bộ tiêu chí quốc gia về xã nông thôn mới giai đoạn 2021 - 2025',
    legalAct: 'Quyết định 318/QĐ-TTg',
    issuedDate: '2022-03-08',
    validFrom: '2022-03-08',
    // UNCONFIRMED: the day before Decision 51/2025/QĐ-TTg took effect.
    validTo: '2026-02-14',
    source:
      'Số và ngày: baonghean.vn; Quyết định 3429/QĐ-UBND (Cần Thơ) dẫn chiếu. Chỉ nhập 2 tiêu chí liên quan lĩnh vực 4; số và tên tiêu chí: chưa đối chiếu với phụ lục.',
    criteria: [
      // UNCONFIRMED: numbering and names kept from the 2016-2020 set.
      ['7', 'Cơ sở hạ tầng thương mại nông thôn', HA_TANG, null, 'NTM-2016/7'],
      ['17', 'Môi trường và an toàn thực phẩm', VH_XH_MT, null, 'NTM-2016/17'],
    ],
  },
  {
    code: 'NTM-2026',
    name: 'Bộ tiêu chí quốc gia về xã nông thôn mới giai đoạn 2026 - 2030',
    legalAct: 'Quyết định 51/2025/QĐ-TTg',
    issuedDate: '2025-12-29',
    // UNCONFIRMED effective date (REFERENCE-FACTS: 15/02/2026).
    validFrom: '2026-02-15',
    validTo: null,
    source:
      'xaydungchinhsach.chinhphu.vn (toàn văn Quyết định 51/2025/QĐ-TTg ngày 29/12/2025). 10 tiêu chí theo dự thảo (baonghean.vn/en, 17/09/2025); số thứ tự trong văn bản chính thức: chưa đối chiếu. Không còn tiêu chí chợ riêng.',
    criteria: [
      // UNCONFIRMED numbering in the final text (2 and 8 in the draft's order).
      [
        '2',
        'Hạ tầng kinh tế - xã hội',
        null,
        'Không còn tiêu chí chợ riêng: hạ tầng thương mại thuộc tiêu chí này (cách hiểu, chưa đối chiếu).',
        'NTM-2021/7',
      ],
      ['8', 'Môi trường và cảnh quan nông thôn', null, null, 'NTM-2021/17'],
    ],
  },
];

/** Inserts the sets, their criteria (with what each took over) and indicators. */
async function loadCriteriaSets(q: Query) {
  const ids = new Map<string, string>();
  for (const set of CRITERIA_SETS) {
    const [{ id: setId }] = (await q(
      `INSERT INTO criteria_sets (code, name, legal_act, issued_date, valid_from, valid_to, source)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [set.code, set.name, set.legalAct, set.issuedDate, set.validFrom, set.validTo, set.source],
    )) as [{ id: string }];
    for (const [position, [number, name, group, note, predecessor]] of set.criteria.entries()) {
      const [{ id }] = (await q(
        `INSERT INTO criteria (criteria_set_id, number, position, name, group_name, note, predecessor_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [setId, number, position + 1, name, group, note, predecessor ? ids.get(predecessor) : null],
      )) as [{ id: string }];
      ids.set(`${set.code}/${number}`, id);
      for (const [code, content, target] of set.indicators?.[number] ?? [])
        await q(
          `INSERT INTO criterion_indicators (criterion_id, code, content, target) VALUES ($1, $2, $3, $4)`,
          [id, code, content, target],
        );
    }
  }
}
