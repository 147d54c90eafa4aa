import { DataTable, SelectField, SelectInput } from 'react-admin';
import { ReferenceField } from '../common/references';
import { administrativeLevelChoices, organizationKindChoices } from '../common/choices';
import { ReferenceSelect } from '../common/inputs';
import { UNIT_FILTER_DEFAULTS, unitFilters } from '../common/unitFilters';
import { ResourceList } from '../common/views';

const filters = [
  ...unitFilters,
  <SelectInput key="kind" source="kind" choices={organizationKindChoices} />,
  <SelectInput key="level" source="level" choices={administrativeLevelChoices} />,
  <ReferenceSelect
    key="administrativeUnitId"
    source="administrativeUnitId"
    reference="AdministrativeUnit"
  />,
];

export const OrganizationList = () => (
  <ResourceList
    filters={filters}
    sort={{ field: 'name', order: 'ASC' }}
    filterDefaultValues={UNIT_FILTER_DEFAULTS}
  >
    <DataTable.Col source="name" />
    <DataTable.Col source="shortName" />
    <DataTable.Col source="kind">
      <SelectField source="kind" choices={organizationKindChoices} />
    </DataTable.Col>
    <DataTable.Col source="level">
      <SelectField source="level" choices={administrativeLevelChoices} />
    </DataTable.Col>
    <DataTable.Col source="administrativeUnitId">
      <ReferenceField source="administrativeUnitId" reference="AdministrativeUnit" />
    </DataTable.Col>
  </ResourceList>
);
