"""Petitions (đơn khiếu nại, tố cáo, kiến nghị, phản ánh): intake, classification, workflow."""
