import { TextInput } from 'react-admin';
import { DayInput, OrganizationsInput, ReferenceSelect } from '../common/inputs';
import { TEXT_LONG, optionalText, requiredText } from '../common/validators';
import { ResourceForm } from '../common/views';

export const PartnershipForm = () => (
  <ResourceForm>
    <TextInput source="name" validate={requiredText()} />
    <ReferenceSelect source="planId" reference="Plan" isRequired />
    <ReferenceSelect
      source="communeId"
      reference="AdministrativeUnit"
      filter={{ level: 'COMMUNE' }}
      isRequired
    />
    <OrganizationsInput source="sponsorIds" isRequired />
    <DayInput source="coordinationPlanDate" />
    <TextInput source="notes" multiline validate={optionalText(TEXT_LONG)} />
  </ResourceForm>
);
