import { DataTable, SelectInput } from 'react-admin';
import { ReferenceField } from '../common/references';
import { householdCategoryChoices } from '../common/choices';
import { EnumChipField } from '../common/EnumChip';
import { DayField } from '../common/fields';
import { DayInput, ReferenceSelect } from '../common/inputs';
import { ResourceList } from '../common/views';

const filters = [
  <ReferenceSelect key="householdId" source="householdId" reference="Household" />,
  <SelectInput key="category" source="category" choices={householdCategoryChoices} />,
  <DayInput key="validFrom_gte" source="validFrom_gte" />,
  <DayInput key="validFrom_lte" source="validFrom_lte" />,
  <DayInput key="validTo_gte" source="validTo_gte" />,
  <DayInput key="validTo_lte" source="validTo_lte" />,
];

export const HouseholdCategoryPeriodList = () => (
  <ResourceList filters={filters} sort={{ field: 'validFrom', order: 'DESC' }}>
    <DataTable.Col source="householdId">
      <ReferenceField source="householdId" reference="Household" />
    </DataTable.Col>
    <DataTable.Col source="category">
      <EnumChipField source="category" enumName="HouseholdCategory" />
    </DataTable.Col>
    <DataTable.Col source="validFrom" field={DayField} />
    <DataTable.Col source="validTo" field={DayField} />
    <DataTable.Col source="source">
      <EnumChipField source="source" enumName="CategoryPeriodSource" />
    </DataTable.Col>
  </ResourceList>
);
