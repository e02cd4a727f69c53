import { ApiProperty } from '@nestjs/swagger';
import { EmployeeView, LiaisonView } from './staff.views.js';

// What the employees and liaisons routes put in `data` on success: the document's named
// schemas (@ApiSuccess), and the types the handlers must return.

/** employees/create: the new employee with its user. */
export class EmployeeData {
  @ApiProperty({ type: EmployeeView }) employee!: EmployeeView;
}

/** liaisons/create and liaisons/update: the liaison with its user and client links. */
export class LiaisonData {
  @ApiProperty({ type: LiaisonView }) liaison!: LiaisonView;
}
