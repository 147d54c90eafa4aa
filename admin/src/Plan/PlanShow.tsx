import { DataTable, ReferenceManyField, Show, SimpleShowLayout, TextField } from 'react-admin';
import { ReferenceField } from '../common/references';
import { DayField, MomentField } from '../common/fields';
import { Section, ShowActions } from '../common/views';

export const PlanShow = () => (
  <Show actions={<ShowActions />}>
    <SimpleShowLayout>
      <TextField source="code" />
      <TextField source="title" />
      <TextField source="modelName" />
      <ReferenceField source="issuerId" reference="Organization" />
      <DayField source="issuedDate" />
      <MomentField source="updatedAt" />
      <Section title="resources.Partnership.name">
        <ReferenceManyField
          reference="Partnership"
          target="planId"
          sort={{ field: 'name', order: 'ASC' }}
        >
          <DataTable rowClick="show" bulkActionButtons={false}>
            <DataTable.Col source="name" />
            <DataTable.Col source="communeId">
              <ReferenceField source="communeId" reference="AdministrativeUnit" />
            </DataTable.Col>
            <DataTable.Col source="coordinationPlanDate" field={DayField} />
          </DataTable>
        </ReferenceManyField>
      </Section>
    </SimpleShowLayout>
  </Show>
);
