import {
  DataTable,
  ReferenceManyField,
  SelectField,
  Show,
  SimpleShowLayout,
  TextField,
} from 'react-admin';
import { ReferenceField } from '../common/references';
import { informationRequestStatusChoices, informationTopicChoices } from '../common/choices';
import { DayField, MomentField, OrganizationChips } from '../common/fields';
import { Section, ShowActions } from '../common/views';
import { UnitFullName } from '../common/UnitFullName';

export const PartnershipShow = () => (
  <Show actions={<ShowActions />}>
    <SimpleShowLayout>
      <TextField source="name" />
      <ReferenceField source="planId" reference="Plan" />
      <ReferenceField source="communeId" reference="AdministrativeUnit" />
      <UnitFullName source="communeId" />
      <OrganizationChips source="sponsorIds" />
      <DayField source="coordinationPlanDate" />
      <TextField source="notes" />
      <MomentField source="updatedAt" />
      <Section title="resources.InformationRequest.name">
        <ReferenceManyField reference="InformationRequest" target="partnershipId">
          <DataTable rowClick="show" bulkActionButtons={false}>
            <DataTable.Col source="topic">
              <SelectField source="topic" choices={informationTopicChoices} />
            </DataTable.Col>
            <DataTable.Col source="status">
              <SelectField source="status" choices={informationRequestStatusChoices} />
            </DataTable.Col>
            <DataTable.Col source="requestedDate" field={DayField} />
            <DataTable.Col source="receivedDate" field={DayField} />
          </DataTable>
        </ReferenceManyField>
      </Section>
      <Section title="resources.Memorandum.name">
        <ReferenceManyField reference="Memorandum" target="partnershipId">
          <DataTable rowClick="show" bulkActionButtons={false}>
            <DataTable.Col source="title" />
            <DataTable.Col source="signedDate" field={DayField} />
          </DataTable>
        </ReferenceManyField>
      </Section>
    </SimpleShowLayout>
  </Show>
);
