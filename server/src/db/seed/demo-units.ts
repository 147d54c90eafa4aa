import type { EntityManager } from 'typeorm';
import {
  AdministrativeLevel,
  AdministrativeUnit,
} from '../../modules/administrative-unit/administrative-unit.entity';
import {
  AdministrativeUnitSuccession,
  SuccessionKind,
} from '../../modules/administrative-unit/administrative-unit-succession.entity';
import { insert, type DemoProgram } from './demo';

/** The first day of the 2025 arrangement: new provinces and communes, no more districts. */
export const REFORM_DAY = '2025-07-01';
const LAST_DAY_BEFORE = '2025-06-30';

/**
 * Resolution 202/2025/QH15 of the National Assembly (12/06/2025) on arranging provincial units:
 * Phú Yên and Đắk Lắk became the province of Đắk Lắk from 01/07/2025 (shared/REFERENCE-FACTS.md,
 * news.laodong.vn; HĐND Phú Yên's plan, thanhnien.vn 26/04/2025).
 */
export const PROVINCE_ACT = 'Nghị quyết 202/2025/QH15';
/**
 * The district level ended on 01/07/2025 (REFERENCE-FACTS.md, luatvietnam.vn).
 * UNCONFIRMED: the number of the act is not confirmed with the search tools; the text says so.
 */
export const DISTRICT_ACT =
  'Luật Tổ chức chính quyền địa phương 2025 (không tổ chức cấp huyện từ 01/07/2025) — số văn bản chưa xác nhận';
/**
 * UNCONFIRMED: the Standing Committee's resolution on Đắk Lắk's commune-level units (2025) is given as
 * 1660/NQ-UBTVQH15 only by a weak source (REFERENCE-FACTS.md); and which of Đồng Xuân's four new
 * communes (Xuân Lãnh, Phú Mỡ, Xuân Phước, Đồng Xuân: thanhnien.vn 26/04/2025, the provincial plan)
 * took Xuân Sơn Bắc could not be confirmed. The successor is therefore a sample unit marked "(mẫu)".
 */
export const COMMUNE_ACT =
  'Nghị quyết của Ủy ban Thường vụ Quốc hội về sắp xếp đơn vị hành chính cấp xã tỉnh Đắk Lắk năm 2025 (số hiệu chưa xác nhận)';
export const SUCCESSOR_COMMUNE = 'Đồng Xuân (mẫu)';

/**
 * The 2025 reform for the demo's province, district and commune: each is closed on 30/06/2025 (never
 * renamed in place) and linked to what it became, so a 2014 record keeps "xã Xuân Sơn Bắc, huyện
 * Đồng Xuân, tỉnh Phú Yên" while today's unit gathers its history. The commune's villages go on
 * under it as they were (the reform did not touch villages).
 */
export async function seedUnitReform(em: EntityManager, program: DemoProgram): Promise<void> {
  await em.update(AdministrativeUnit, [program.provinceId, program.districtId, program.communeId], {
    validTo: LAST_DAY_BEFORE,
  });
  const province = await insert(em, AdministrativeUnit, {
    level: AdministrativeLevel.PROVINCE,
    name: 'Đắk Lắk',
    parentId: null,
    validFrom: REFORM_DAY,
  });
  // After the reform a commune sits directly under its province.
  const commune = await insert(em, AdministrativeUnit, {
    level: AdministrativeLevel.COMMUNE,
    name: SUCCESSOR_COMMUNE,
    parentId: province.id,
    validFrom: REFORM_DAY,
  });
  const link = (
    predecessorId: string,
    successorId: string,
    kind: SuccessionKind,
    legalAct: string,
    note: string,
  ) =>
    insert(em, AdministrativeUnitSuccession, {
      predecessorId,
      successorId,
      kind,
      effectiveDate: REFORM_DAY,
      legalAct,
      note,
    });
  await link(
    program.provinceId,
    province.id,
    SuccessionKind.MERGED_INTO,
    PROVINCE_ACT,
    'Tỉnh Phú Yên và tỉnh Đắk Lắk hợp nhất thành tỉnh Đắk Lắk (trung tâm hành chính: Buôn Ma Thuột).',
  );
  await link(
    program.districtId,
    province.id,
    SuccessionKind.ABOLISHED,
    DISTRICT_ACT,
    'Kết thúc cấp huyện; các xã của huyện Đồng Xuân được sắp xếp thành xã trực thuộc tỉnh Đắk Lắk.',
  );
  await link(
    program.communeId,
    commune.id,
    SuccessionKind.MERGED_INTO,
    COMMUNE_ACT,
    'Xã kế thừa là đơn vị mẫu: chưa xác nhận được xã mới tiếp nhận xã Xuân Sơn Bắc.',
  );
}
