import { RadioButtonGroupInput } from 'react-admin';
import { unitModeChoices } from './choices';
import { ReferenceSelect } from './inputs';

/**
 * The filters of every list placed by an administrative unit: the unit, and the switch between the
 * unit as it was when the record was made ("Theo đơn vị lúc đó") and today's unit gathering the
 * history of every unit that became it ("Theo đơn vị hiện nay", after the 2025 reform).
 */
export const unitFilters = [
  <ReferenceSelect key="unitId" source="unitId" reference="AdministrativeUnit" alwaysOn />,
  <RadioButtonGroupInput
    key="unitMode"
    source="unitMode"
    choices={unitModeChoices}
    alwaysOn
    row
    helperText={false}
  />,
];

/** The lists open with the unit as it was, the reading every record had before the reform. */
export const UNIT_FILTER_DEFAULTS = { unitMode: 'AS_THEN' };
