import { AdministrativeLevel, type AdministrativeUnit } from './administrative-unit.entity';

/** The word a unit's name takes in an address, by level: thôn, xã, huyện, tỉnh. */
export const LEVEL_PREFIX: Record<AdministrativeLevel, string> = {
  [AdministrativeLevel.VILLAGE]: 'thôn',
  [AdministrativeLevel.COMMUNE]: 'xã',
  [AdministrativeLevel.DISTRICT]: 'huyện',
  [AdministrativeLevel.PROVINCE]: 'tỉnh',
};

/** Names that already say what they are ("Thôn 1", "Phường Tuy Hòa", "Thành phố …") keep their word. */
const HAS_WORD =
  /^(thôn|buôn|làng|ấp|bản|khu phố|tổ dân phố|xã|phường|thị trấn|đặc khu|huyện|quận|thị xã|thành phố|tỉnh)\s/iu;

export function addressName(unit: Pick<AdministrativeUnit, 'level' | 'name'>): string {
  const name = unit.name.normalize('NFC').trim();
  return HAS_WORD.test(name) ? name : `${LEVEL_PREFIX[unit.level]} ${name}`;
}

/**
 * The unit and its parents as they were, innermost first: "xã Xuân Sơn Bắc, huyện Đồng Xuân, tỉnh
 * Phú Yên". Parents are followed by id (the unit as it was is never rewritten), at most 6 deep.
 */
export async function fullNameOf(
  unit: AdministrativeUnit,
  load: (id: string) => Promise<AdministrativeUnit | null>,
): Promise<string> {
  const parts = [addressName(unit)];
  let parentId = unit.parentId;
  for (let depth = 0; parentId && depth < 6; depth++) {
    const parent = await load(parentId);
    if (!parent) break;
    parts.push(addressName(parent));
    parentId = parent.parentId;
  }
  return parts.join(', ');
}
