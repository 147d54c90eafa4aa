import { TextField } from 'react-admin';
import { ReferenceField } from './references';

/**
 * A record's administrative unit with its parents as they were when the record was made (e.g.
 * "xã Xuân Sơn Bắc, huyện Đồng Xuân, tỉnh Phú Yên"), linked to the unit, whose page shows today's.
 */
export const UnitFullName = ({ source, label }: { source: string; label?: string }) => (
  <ReferenceField
    source={source}
    reference="AdministrativeUnit"
    label={label ?? 'app.units.full_name_then'}
    link="show"
  >
    <TextField source="fullName" data-testid="unit-full-name" />
  </ReferenceField>
);
