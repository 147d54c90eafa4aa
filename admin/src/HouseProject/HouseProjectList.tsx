import { BooleanInput, DataTable, SelectInput } from 'react-admin';
import { ReferenceField } from '../common/references';
import { houseProjectStageChoices } from '../common/choices';
import { EnumChipField } from '../common/EnumChip';
import { DayField, MoneyCol, MoneyField } from '../common/fields';
import { DayInput, ReferenceSelect } from '../common/inputs';
import { ResourceList } from '../common/views';

const filters = [
  <SelectInput key="stage" source="stage" choices={houseProjectStageChoices} />,
  <BooleanInput key="open" source="open" />,
  <ReferenceSelect key="householdId" source="householdId" reference="Household" />,
  <ReferenceSelect key="commitmentId" source="commitmentId" reference="Commitment" />,
  <DayInput key="surveyedDate_gte" source="surveyedDate_gte" />,
  <DayInput key="surveyedDate_lte" source="surveyedDate_lte" />,
];

export const HouseProjectList = () => (
  <ResourceList
    filters={filters}
    sort={{ field: 'surveyedDate', order: 'DESC' }}
    phone={{ secondaryText: <MoneyField source="estimatedCost" /> }}
  >
    <DataTable.Col source="title" />
    <DataTable.Col source="householdId">
      <ReferenceField source="householdId" reference="Household" />
    </DataTable.Col>
    <DataTable.Col source="stage" disableSort>
      <EnumChipField source="stage" enumName="HouseProjectStage" testIdPrefix="stage-" />
    </DataTable.Col>
    <MoneyCol source="estimatedCost" />
    <MoneyCol source="budgetTotal" disableSort />
    <DataTable.Col source="surveyedDate" field={DayField} />
    <DataTable.Col source="handedOverDate" field={DayField} />
  </ResourceList>
);
