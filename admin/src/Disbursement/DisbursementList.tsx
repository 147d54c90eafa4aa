import { DataTable, SelectField, SelectInput } from 'react-admin';
import { ReferenceField } from '../common/references';
import { disbursementPurposeChoices, disbursementStatusChoices } from '../common/choices';
import { EnumChipField } from '../common/EnumChip';
import { DayField, MoneyCol, MoneyField } from '../common/fields';
import { DayInput, ReferenceSelect } from '../common/inputs';
import { LedgerList } from '../Fund/LedgerList';
import { ReversedField } from '../Fund/ReversedField';

const filters = [
  <ReferenceSelect key="fundId" source="fundId" reference="Fund" />,
  <SelectInput key="purpose" source="purpose" choices={disbursementPurposeChoices} />,
  <SelectInput key="status" source="status" choices={disbursementStatusChoices} />,
  <ReferenceSelect key="householdId" source="householdId" reference="Household" />,
  <DayInput key="plannedDate_gte" source="plannedDate_gte" />,
  <DayInput key="plannedDate_lte" source="plannedDate_lte" />,
];

export const DisbursementList = () => (
  <LedgerList
    filters={filters}
    sort={{ field: 'plannedDate', order: 'DESC' }}
    phone={{ secondaryText: <MoneyField source="amount" /> }}
  >
    <DataTable.Col source="description" />
    <DataTable.Col source="purpose">
      <SelectField source="purpose" choices={disbursementPurposeChoices} />
    </DataTable.Col>
    <DataTable.Col source="fundId">
      <ReferenceField source="fundId" reference="Fund" />
    </DataTable.Col>
    <MoneyCol source="amount" />
    <DataTable.Col source="plannedDate" field={DayField} />
    <DataTable.Col source="disbursedDate" field={DayField} disableSort />
    <DataTable.Col source="status" disableSort>
      <EnumChipField source="status" enumName="DisbursementStatus" />
    </DataTable.Col>
    <DataTable.Col source="reversed" field={ReversedField} disableSort />
  </LedgerList>
);
