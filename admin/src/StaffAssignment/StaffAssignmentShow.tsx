import { SelectField, Show, SimpleShowLayout } from 'react-admin';
import { ReferenceField } from '../common/references';
import { titleRankChoices } from '../common/choices';
import { DayField, MomentField } from '../common/fields';
import { ShowActions } from '../common/views';

export const StaffAssignmentShow = () => (
  <Show actions={<ShowActions />}>
    <SimpleShowLayout>
      <ReferenceField source="staffMemberId" reference="StaffMember" />
      <SelectField source="titleRank" choices={titleRankChoices} />
      <ReferenceField source="organizationId" reference="Organization" />
      <DayField source="validFrom" />
      <DayField source="validTo" />
      <MomentField source="updatedAt" />
    </SimpleShowLayout>
  </Show>
);
