import { DataTable, SelectField, SelectInput } from 'react-admin';
import { ReferenceField } from '../common/references';
import { administrativeLevelChoices } from '../common/choices';
import { DayField } from '../common/fields';
import { DayInput, ReferenceSelect } from '../common/inputs';
import { ResourceList } from '../common/views';

const filters = [
  <SelectInput key="level" source="level" choices={administrativeLevelChoices} />,
  <ReferenceSelect key="parentId" source="parentId" reference="AdministrativeUnit" />,
  <DayInput key="validFrom_gte" source="validFrom_gte" />,
  <DayInput key="validFrom_lte" source="validFrom_lte" />,
  <DayInput key="validTo_gte" source="validTo_gte" />,
  <DayInput key="validTo_lte" source="validTo_lte" />,
];

export const AdministrativeUnitList = () => (
  <ResourceList filters={filters} sort={{ field: 'name', order: 'ASC' }}>
    <DataTable.Col source="name" />
    <DataTable.Col source="code" />
    <DataTable.Col source="level">
      <SelectField source="level" choices={administrativeLevelChoices} />
    </DataTable.Col>
    <DataTable.Col source="parentId">
      <ReferenceField source="parentId" reference="AdministrativeUnit" />
    </DataTable.Col>
    <DataTable.Col source="validFrom" field={DayField} />
    <DataTable.Col source="validTo" field={DayField} />
  </ResourceList>
);
