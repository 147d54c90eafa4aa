import { CrudService } from '../../common/crud/crud.service';
import { f } from '../../common/crud/field-spec';
import type { FieldViolation } from '../../common/errors';
import { AdministrativeLevel, AdministrativeUnit } from './administrative-unit.entity';

export const RANK: Record<AdministrativeLevel, number> = {
  PROVINCE: 0,
  DISTRICT: 1,
  COMMUNE: 2,
  VILLAGE: 3,
};

export const administrativeUnitService = new CrudService<AdministrativeUnit>({
  entity: AdministrativeUnit,
  name: 'AdministrativeUnit',
  fields: {
    level: f.enumOf(AdministrativeLevel, 'AdministrativeLevel'),
    name: f.text({ searchable: true }),
    code: f.text({ optional: true, max: 20 }),
    parentId: f.ref(() => AdministrativeUnit, 'AdministrativeUnit', 'parent', { optional: true }),
    validFrom: f.date({ optional: true }),
    validTo: f.date({ optional: true }),
  },
  searchColumns: ['name', 'code'],
  defaultSort: { field: 'name', order: 'ASC' },
  async rules(unit, { em }) {
    const violations: FieldViolation[] = [];
    if (unit.validFrom && unit.validTo && unit.validTo < unit.validFrom) {
      violations.push({
        field: 'validTo',
        rule: 'afterValidFrom',
        message: 'must not be before validFrom',
      });
    }
    if (unit.level === AdministrativeLevel.PROVINCE && unit.parentId) {
      violations.push({
        field: 'parentId',
        rule: 'provinceHasNoParent',
        message: 'a province has no parent unit',
      });
    }
    if (unit.parentId) {
      if (unit.parentId === unit.id) {
        violations.push({
          field: 'parentId',
          rule: 'notSelf',
          message: 'a unit cannot be its own parent',
        });
      } else {
        const parent = await em.findOneBy(AdministrativeUnit, { id: unit.parentId });
        // After the 2025 reform communes sit directly under provinces, so any higher level will do.
        if (parent && RANK[parent.level] >= RANK[unit.level]) {
          violations.push({
            field: 'parentId',
            rule: 'parentLevel',
            message: `a ${unit.level} must belong to a higher level than ${parent.level}`,
          });
        }
      }
    }
    return violations;
  },
});
