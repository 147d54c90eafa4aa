import {
  CreateButton,
  DataTable,
  ReferenceManyField,
  SelectField,
  Show,
  SimpleShowLayout,
  TextField,
  useRecordContext,
} from 'react-admin';
import { ReferenceArrayField, ReferenceField } from '../common/references';
import { administrativeLevelChoices, successionKindChoices } from '../common/choices';
import { DayField, MomentField } from '../common/fields';
import { Section, ShowActions } from '../common/views';

/** One side of a unit's history: the links whose `target` is this unit, with kind, date and act. */
const Successions = ({ target, other }: { target: string; other: string }) => (
  <ReferenceManyField
    reference="AdministrativeUnitSuccession"
    target={target}
    sort={{ field: 'effectiveDate', order: 'DESC' }}
    perPage={100}
  >
    <DataTable rowClick="show" bulkActionButtons={false} empty={<span>—</span>}>
      <DataTable.Col source={other}>
        <ReferenceField source={other} reference="AdministrativeUnit" link="show" />
      </DataTable.Col>
      <DataTable.Col source="kind">
        <SelectField source="kind" choices={successionKindChoices} />
      </DataTable.Col>
      <DataTable.Col source="effectiveDate" field={DayField} />
      <DataTable.Col source="legalAct" />
      <DataTable.Col source="note" />
    </DataTable>
  </ReferenceManyField>
);

/** Records what this unit became, the form opened with the unit as predecessor. */
const RecordSuccession = () => {
  const record = useRecordContext();
  if (!record) return null;
  return (
    <CreateButton
      resource="AdministrativeUnitSuccession"
      label="app.units.record_succession"
      state={{ record: { predecessorId: record.id } }}
    />
  );
};

export const AdministrativeUnitShow = () => (
  <Show actions={<ShowActions />}>
    <SimpleShowLayout>
      <TextField source="fullName" />
      <TextField source="name" />
      <TextField source="code" />
      <SelectField source="level" choices={administrativeLevelChoices} />
      <ReferenceField source="parentId" reference="AdministrativeUnit" />
      <DayField source="validFrom" />
      <DayField source="validTo" />
      <ReferenceArrayField source="currentUnitsIds" reference="AdministrativeUnit" />
      <ReferenceArrayField source="formerUnitsIds" reference="AdministrativeUnit" />
      <MomentField source="updatedAt" />
      <Section title="app.units.predecessors">
        <Successions target="successorId" other="predecessorId" />
      </Section>
      <Section title="app.units.successors">
        <Successions target="predecessorId" other="successorId" />
        <RecordSuccession />
      </Section>
    </SimpleShowLayout>
  </Show>
);
