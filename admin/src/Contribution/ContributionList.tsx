import { DataTable } from 'react-admin';
import { ReferenceField } from '../common/references';
import { DayField, MoneyCol, MoneyField } from '../common/fields';
import { DayInput, ReferenceSelect } from '../common/inputs';
import { LedgerList } from '../Fund/LedgerList';
import { MonthField, MonthInput } from '../Fund/month';
import { ReverseButton } from '../Fund/ReverseButton';
import { ReversedField } from '../Fund/ReversedField';

const filters = [
  <ReferenceSelect key="fundId" source="fundId" reference="Fund" />,
  <ReferenceSelect key="staffMemberId" source="staffMemberId" reference="StaffMember" />,
  <MonthInput key="month_gte" source="month_gte" />,
  <MonthInput key="month_lte" source="month_lte" />,
  <DayInput key="paidDate_gte" source="paidDate_gte" />,
  <DayInput key="paidDate_lte" source="paidDate_lte" />,
];

export const ContributionList = () => (
  <LedgerList
    filters={filters}
    sort={{ field: 'paidDate', order: 'DESC' }}
    phone={{ secondaryText: <MoneyField source="amount" /> }}
  >
    <DataTable.Col source="staffMemberId">
      <ReferenceField source="staffMemberId" reference="StaffMember" />
    </DataTable.Col>
    <DataTable.Col source="fundId">
      <ReferenceField source="fundId" reference="Fund" />
    </DataTable.Col>
    <DataTable.Col source="month" field={MonthField} />
    <MoneyCol source="amount" />
    <DataTable.Col source="paidDate" field={DayField} />
    <DataTable.Col source="reversed" field={ReversedField} disableSort />
    <DataTable.Col disableSort>
      <ReverseButton resource="Contribution" />
    </DataTable.Col>
  </LedgerList>
);
