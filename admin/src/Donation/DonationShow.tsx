import { SelectField, Show, SimpleShowLayout, TextField, TopToolbar } from 'react-admin';
import { ReferenceField } from '../common/references';
import { donationFormChoices, donorKindChoices } from '../common/choices';
import { DayField, MomentField, MoneyField } from '../common/fields';
import { ReverseButton } from '../Fund/ReverseButton';
import { ReversedField } from '../Fund/ReversedField';
import { RecordHistory } from '../AuditEntry/RecordHistory';

export const DonationShow = () => (
  <Show
    actions={
      <TopToolbar>
        <ReverseButton resource="Donation" />
      </TopToolbar>
    }
  >
    <SimpleShowLayout>
      <ReferenceField source="fundId" reference="Fund" />
      <TextField source="donorName" />
      <SelectField source="donorKind" choices={donorKindChoices} />
      <ReferenceField source="donorOrganizationId" reference="Organization" emptyText="—" />
      <SelectField source="form" choices={donationFormChoices} />
      <TextField source="inKindDescription" emptyText="—" />
      <MoneyField source="amount" />
      <DayField source="receivedDate" />
      <TextField source="note" />
      <ReversedField source="reversed" />
      <ReferenceField source="reversesId" reference="Donation" emptyText="—" />
      <MomentField source="createdAt" />
      <RecordHistory />
    </SimpleShowLayout>
  </Show>
);
