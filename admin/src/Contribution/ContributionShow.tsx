import { Show, SimpleShowLayout, TextField, TopToolbar } from 'react-admin';
import { ReferenceField } from '../common/references';
import { DayField, MomentField, MoneyField } from '../common/fields';
import { MonthField } from '../Fund/month';
import { ReverseButton } from '../Fund/ReverseButton';
import { ReversedField } from '../Fund/ReversedField';
import { RecordHistory } from '../AuditEntry/RecordHistory';

export const ContributionShow = () => (
  <Show
    actions={
      <TopToolbar>
        <ReverseButton resource="Contribution" />
      </TopToolbar>
    }
  >
    <SimpleShowLayout>
      <ReferenceField source="fundId" reference="Fund" />
      <ReferenceField source="staffMemberId" reference="StaffMember" />
      <MonthField source="month" />
      <MoneyField source="amount" />
      <DayField source="paidDate" />
      <TextField source="note" />
      <ReversedField source="reversed" />
      <ReferenceField source="reversesId" reference="Contribution" emptyText="—" />
      <MomentField source="createdAt" />
      <RecordHistory />
    </SimpleShowLayout>
  </Show>
);
