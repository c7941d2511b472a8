/** The app's only source of time, so tests can set it (the domain never reads the clock itself). */
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}
