package org.focal.io.tiff.tests;
class Placeholder {}
