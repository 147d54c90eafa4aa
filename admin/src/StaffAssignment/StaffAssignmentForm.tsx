import { SelectInput, required } from 'react-admin';
import { titleRankChoices } from '../common/choices';
import { DayInput, ReferenceSelect } from '../common/inputs';
import { notBefore } from '../common/validators';
import { ResourceForm } from '../common/views';

export const StaffAssignmentForm = () => (
  <ResourceForm>
    <ReferenceSelect source="staffMemberId" reference="StaffMember" isRequired />
    <ReferenceSelect source="organizationId" reference="Organization" isRequired />
    <SelectInput source="titleRank" choices={titleRankChoices} validate={required()} />
    <DayInput source="validFrom" validate={required()} />
    <DayInput
      source="validTo"
      validate={notBefore('validFrom', 'app.validation.after_valid_from')}
    />
  </ResourceForm>
);
