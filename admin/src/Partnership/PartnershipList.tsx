import { DataTable } from 'react-admin';
import { ReferenceField } from '../common/references';
import { DayField, OrganizationChips } from '../common/fields';
import { DayInput, ReferenceSelect } from '../common/inputs';
import { UNIT_FILTER_DEFAULTS, unitFilters } from '../common/unitFilters';
import { ResourceList } from '../common/views';

const filters = [
  ...unitFilters,
  <ReferenceSelect key="planId" source="planId" reference="Plan" />,
  <ReferenceSelect
    key="communeId"
    source="communeId"
    reference="AdministrativeUnit"
    filter={{ level: 'COMMUNE' }}
  />,
  <ReferenceSelect key="sponsorId" source="sponsorId" reference="Organization" />,
  <DayInput key="coordinationPlanDate_gte" source="coordinationPlanDate_gte" />,
  <DayInput key="coordinationPlanDate_lte" source="coordinationPlanDate_lte" />,
];

export const PartnershipList = () => (
  <ResourceList
    filters={filters}
    sort={{ field: 'name', order: 'ASC' }}
    filterDefaultValues={UNIT_FILTER_DEFAULTS}
  >
    <DataTable.Col source="name" />
    <DataTable.Col source="planId">
      <ReferenceField source="planId" reference="Plan" />
    </DataTable.Col>
    <DataTable.Col source="communeId">
      <ReferenceField source="communeId" reference="AdministrativeUnit" />
    </DataTable.Col>
    <DataTable.Col source="sponsorIds" disableSort>
      <OrganizationChips source="sponsorIds" />
    </DataTable.Col>
    <DataTable.Col source="coordinationPlanDate" field={DayField} />
  </ResourceList>
);
