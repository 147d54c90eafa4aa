import { ResourceEdit } from '../common/views';
import { CounterpartResponsibilityForm } from './CounterpartResponsibilityForm';

export const CounterpartResponsibilityEdit = () => (
  <ResourceEdit>
    <CounterpartResponsibilityForm />
  </ResourceEdit>
);
