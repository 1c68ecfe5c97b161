//! oxpy native modules (sys, gc, math, time, threading, ...).
