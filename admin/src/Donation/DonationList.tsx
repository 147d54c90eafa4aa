import { DataTable, SelectField, SelectInput } from 'react-admin';
import { ReferenceField } from '../common/references';
import { donationFormChoices, donorKindChoices } from '../common/choices';
import { DayField, MoneyCol, MoneyField } from '../common/fields';
import { DayInput, ReferenceSelect } from '../common/inputs';
import { LedgerList } from '../Fund/LedgerList';
import { ReverseButton } from '../Fund/ReverseButton';
import { ReversedField } from '../Fund/ReversedField';

const filters = [
  <ReferenceSelect key="fundId" source="fundId" reference="Fund" />,
  <SelectInput key="donorKind" source="donorKind" choices={donorKindChoices} />,
  <SelectInput key="form" source="form" choices={donationFormChoices} />,
  <DayInput key="receivedDate_gte" source="receivedDate_gte" />,
  <DayInput key="receivedDate_lte" source="receivedDate_lte" />,
];

export const DonationList = () => (
  <LedgerList
    filters={filters}
    sort={{ field: 'receivedDate', order: 'DESC' }}
    phone={{ secondaryText: <MoneyField source="amount" /> }}
  >
    <DataTable.Col source="donorName" />
    <DataTable.Col source="donorKind">
      <SelectField source="donorKind" choices={donorKindChoices} />
    </DataTable.Col>
    <DataTable.Col source="fundId">
      <ReferenceField source="fundId" reference="Fund" />
    </DataTable.Col>
    <DataTable.Col source="form">
      <SelectField source="form" choices={donationFormChoices} />
    </DataTable.Col>
    <MoneyCol source="amount" />
    <DataTable.Col source="receivedDate" field={DayField} />
    <DataTable.Col source="reversed" field={ReversedField} disableSort />
    <DataTable.Col disableSort>
      <ReverseButton resource="Donation" />
    </DataTable.Col>
  </LedgerList>
);
