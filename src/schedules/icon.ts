import { LabIcon } from '@jupyterlab/ui-components';

import schedulesSvg from '../../style/icons/schedules.svg';

export const schedulesIcon = new LabIcon({
  name: 'nbschedule:schedules',
  svgstr: schedulesSvg
});
